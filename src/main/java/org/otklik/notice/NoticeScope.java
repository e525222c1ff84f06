package org.otklik.notice;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.routing.RoutingService;

/**
 * What an executor may announce: only topics and districts whose messages are routed to its own
 * organisation. A notice covers its category's whole subtree and its districts (every district when it
 * names none), so each such pair must route there. Operators and admins keep the whole city.
 */
final class NoticeScope {

    private NoticeScope() {
    }

    /** @throws ProblemException 403 naming what lies outside the executor's routing */
    static void check(Optional<String> confined, String categoryCode, List<String> districtCodes, ReferenceSnapshot reference,
            RoutingService routing) {
        if (confined.isEmpty() || categoryCode == null || reference.category(categoryCode).isEmpty()) {
            return;
        }
        String organization = confined.get();
        List<String> districts = districtCodes == null || districtCodes.isEmpty()
                ? reference.districts().stream().map(district -> district.code).toList()
                : districtCodes;
        TreeSet<String> foreignCategories = new TreeSet<>();
        TreeSet<String> foreignDistricts = new TreeSet<>();
        for (String category : reference.subtree(categoryCode)) {
            for (String district : districts) {
                if (reference.district(district).isPresent()
                        && !organization.equals(routing.route(reference, category, district).organization().code)) {
                    foreignCategories.add(category);
                    foreignDistricts.add(district);
                }
            }
        }
        if (!foreignCategories.isEmpty()) {
            boolean cityWide = districtCodes == null || districtCodes.isEmpty();
            throw new ProblemException(ProblemType.FORBIDDEN, "Executors announce only what is routed to their organisation: "
                    + String.join(", ", foreignCategories) + (cityWide ? " (city-wide)" : " in " + String.join(", ", foreignDistricts))
                    + " goes to another organisation. Name a narrower topic or your districts, or ask the МЦУ operators.");
        }
    }
}
