package org.otklik.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.web.EntityTags;
import org.otklik.common.web.SerializedView;

import io.smallrye.mutiny.Uni;

/**
 * Districts, the topic tree and organisations as clients see them, built from the reference catalog in
 * memory. Their JSON is written once per catalog snapshot and then served as bytes with its entity tag.
 */
@ApplicationScoped
public class ReferenceDataService {

    private final ReferenceCatalog catalog;
    private final EntityTags entityTags;
    private volatile Published published;

    public ReferenceDataService(ReferenceCatalog catalog, EntityTags entityTags) {
        this.catalog = catalog;
        this.entityTags = entityTags;
    }

    public Uni<List<DistrictView>> districts() {
        return catalog.current().map(ReferenceDataService::districtViews);
    }

    public Uni<SerializedView> categoryTreeJson() {
        return current().map(Published::categories);
    }

    public Uni<SerializedView> districtsJson() {
        return current().map(Published::districts);
    }

    public Uni<SerializedView> organizationsJson() {
        return current().map(Published::organizations);
    }

    private Uni<Published> current() {
        return catalog.current().map(snapshot -> {
            Published known = published;
            if (known != null && known.source() == snapshot) {
                return known;
            }
            Published fresh = new Published(snapshot,
                    entityTags.serialize(toTree(snapshot.categories())),
                    entityTags.serialize(districtViews(snapshot)),
                    entityTags.serialize(snapshot.organizations().stream().map(OrganizationView::of).toList()));
            published = fresh;
            return fresh;
        });
    }

    private static List<DistrictView> districtViews(ReferenceSnapshot snapshot) {
        return snapshot.districts().stream().map(DistrictView::of).toList();
    }

    private record Published(ReferenceSnapshot source, SerializedView categories, SerializedView districts,
            SerializedView organizations) {
    }

    static List<CategoryView> toTree(List<Category> ordered) {
        Map<String, Category> byCode = new LinkedHashMap<>();
        Map<String, List<Category>> childrenOf = new LinkedHashMap<>();
        List<Category> roots = new ArrayList<>();
        for (Category category : ordered) {
            byCode.put(category.code, category);
            if (category.parentCode == null) {
                roots.add(category);
            } else {
                childrenOf.computeIfAbsent(category.parentCode, k -> new ArrayList<>()).add(category);
            }
        }
        return roots.stream().map(root -> view(root, null, null, childrenOf)).toList();
    }

    private static CategoryView view(Category category, Integer inheritedHours, Integer inheritedDays,
            Map<String, List<Category>> childrenOf) {
        Integer hours = category.firstResponseHours != null ? category.firstResponseHours : inheritedHours;
        Integer days = category.resolutionDays != null ? category.resolutionDays : inheritedDays;
        List<CategoryView> children = childrenOf.getOrDefault(category.code, List.of()).stream()
                .map(child -> view(child, hours, days, childrenOf))
                .toList();
        return new CategoryView(category.code, category.nameRu, category.nameEn, hours, days, children);
    }
}
