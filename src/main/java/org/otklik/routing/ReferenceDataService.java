package org.otklik.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Districts, the topic tree and organisations as clients see them. */
@ApplicationScoped
public class ReferenceDataService {

    private final CategoryRepository categories;
    private final DistrictRepository districts;
    private final OrganizationRepository organizations;

    public ReferenceDataService(CategoryRepository categories, DistrictRepository districts,
            OrganizationRepository organizations) {
        this.categories = categories;
        this.districts = districts;
        this.organizations = organizations;
    }

    public Uni<List<CategoryView>> categoryTree() {
        return categories.listInDisplayOrder().map(ReferenceDataService::toTree);
    }

    public Uni<List<DistrictView>> districts() {
        return districts.listInDisplayOrder().map(list -> list.stream().map(DistrictView::of).toList());
    }

    public Uni<List<OrganizationView>> organizations() {
        return organizations.listInDisplayOrder().map(list -> list.stream().map(OrganizationView::of).toList());
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
