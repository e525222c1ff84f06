package org.otklik.location;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.PublicCoordinates;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.EntityTags;
import org.otklik.common.web.SerializedView;
import org.otklik.location.MapRepository.Box;
import org.otklik.location.MapRepository.MapRow;
import org.otklik.routing.Category;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;

import io.smallrye.mutiny.Uni;

/**
 * The public map: open incidents and those answered in the last 30 days, as GeoJSON points at their public
 * (rounded) position with number, category, status and supporters — nothing else.
 */
@ApplicationScoped
public class MapService {

    static final Duration RECENTLY_ANSWERED = Duration.ofDays(30);
    static final int MAX_FEATURES = 2000;
    static final List<String> STATUSES = List.of("NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED", "ANSWERED", "CLOSED");

    private final MapRepository map;
    private final ReferenceCatalog catalog;
    private final EntityTags entityTags;
    private final Clock clock;

    public MapService(MapRepository map, ReferenceCatalog catalog, EntityTags entityTags, Clock clock) {
        this.map = map;
        this.catalog = catalog;
        this.entityTags = entityTags;
        this.clock = clock;
    }

    public Uni<SerializedView> incidents(Box box, String category, List<String> statuses) {
        return catalog.current().chain(reference -> {
            List<String> categories = category == null ? null : withSubTopics(reference, category);
            return map.inBox(box, clock.instant().minus(RECENTLY_ANSWERED), statuses, categories, MAX_FEATURES)
                    .map(rows -> entityTags.serialize(collection(rows)));
        });
    }

    private static List<String> withSubTopics(ReferenceSnapshot reference, String code) {
        Category known = reference.category(code)
                .orElseThrow(() -> ProblemException.badParameter("category", "is not a known category code"));
        List<String> codes = new ArrayList<>(List.of(known.code));
        codes.addAll(reference.childrenOf(known.code));
        return codes;
    }

    private static Map<String, Object> collection(List<MapRow> rows) {
        List<Object> features = new ArrayList<>();
        for (MapRow row : rows) {
            PublicCoordinates.Point point = PublicCoordinates.rounded(row.lat(), row.lon());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("number", row.number());
            properties.put("category", row.categoryCode());
            properties.put("status", row.status());
            properties.put("supporters", row.supporters());
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(point.lon(), point.lat())));
            feature.put("properties", properties);
            features.add(feature);
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return collection;
    }
}
