package org.otklik.location;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.PublicCoordinates;
import org.otklik.common.problem.ProblemException;
import org.otklik.incident.IncidentStatus;
import org.otklik.location.NearbyRepository.Candidate;
import org.otklik.routing.Category;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.WorkingCalendar;

import io.smallrye.mutiny.Uni;

/**
 * "Already reported nearby": open incidents of a category, of its parent topic and of its sub-topics, whose
 * public (rounded) point lies within the radius, nearest first.
 */
@ApplicationScoped
public class NearbyService {

    public static final int MAX_RADIUS = 500;
    public static final int DEFAULT_RADIUS = 150;
    static final int MAX_ITEMS = 20;
    /** Candidates read before the rounded distances are known; far more than a 500 m circle holds of one topic. */
    private static final int CANDIDATES = 200;

    private final NearbyRepository nearby;
    private final ReferenceCatalog catalog;
    private final ZoneId zone;

    public NearbyService(NearbyRepository nearby, ReferenceCatalog catalog, WorkingCalendar calendar) {
        this.nearby = nearby;
        this.catalog = catalog;
        this.zone = calendar.zone();
    }

    public Uni<NearbyView> near(double lat, double lon, String categoryCode, int radius) {
        return catalog.current().chain(reference -> {
            List<String> categories = related(reference, categoryCode);
            return nearby.openWithin(lat, lon, radius + PublicCoordinates.MAX_SHIFT_METRES, categories, CANDIDATES)
                    .map(found -> new NearbyView(radius, publicItems(found, lat, lon, radius)));
        });
    }

    static List<String> related(ReferenceSnapshot reference, String code) {
        Category category = reference.category(code)
                .orElseThrow(() -> ProblemException.badParameter("category", "is not a known category code"));
        Set<String> codes = new LinkedHashSet<>();
        codes.add(category.code);
        if (category.parentCode != null) {
            codes.add(category.parentCode);
        }
        codes.addAll(reference.childrenOf(code));
        return List.copyOf(codes);
    }

    private List<NearbyView.Item> publicItems(List<Candidate> found, double lat, double lon, int radius) {
        List<NearbyView.Item> items = new ArrayList<>();
        for (Candidate candidate : found) {
            int distance = PublicCoordinates.publicDistance(lat, lon, PublicCoordinates.rounded(candidate.lat(), candidate.lon()));
            if (distance <= radius) {
                items.add(new NearbyView.Item(candidate.number(), IncidentStatus.valueOf(candidate.status()), distance,
                        OffsetDateTime.ofInstant(candidate.createdAt(), zone), candidate.supporters()));
            }
        }
        items.sort(Comparator.comparingInt(NearbyView.Item::distance));
        return items.size() > MAX_ITEMS ? List.copyOf(items.subList(0, MAX_ITEMS)) : items;
    }
}
