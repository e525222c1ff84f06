package org.otklik.routing;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routing by (category, district): the rule of the category itself beats its parent's, a rule for
 * the district beats a rule for any district, {@code adm.{district}} means the district's
 * administration, and without a district (or without any rule) the МЦУ routes by hand.
 */
@ApplicationScoped
public class RoutingService {

    public static final String CENTRE = "mcu";

    private final WorkingCalendar calendar;

    public RoutingService(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    public RoutingDecision route(ReferenceSnapshot reference, String categoryCode, String districtCode) {
        Organization target = matchingRule(reference, categoryCode, districtCode)
                .flatMap(rule -> rule.toDistrictAdministration
                        ? reference.administrationOf(districtCode)
                        : reference.organization(rule.organizationCode))
                .orElseGet(() -> reference.organization(CENTRE)
                        .orElseThrow(() -> new IllegalStateException("the reference data has no organisation 'mcu'")));
        return new RoutingDecision(target, target.kind == OrganizationKind.EXTERNAL);
    }

    private static Optional<RoutingRule> matchingRule(ReferenceSnapshot reference, String categoryCode,
            String districtCode) {
        for (Category category : reference.selfAndAncestors(categoryCode)) {
            RoutingRule forAnyDistrict = null;
            for (RoutingRule rule : reference.rulesFor(category.code)) {
                if (rule.districtCode == null) {
                    forAnyDistrict = rule;
                } else if (rule.districtCode.equals(districtCode)) {
                    return Optional.of(rule);
                }
            }
            if (forAnyDistrict != null) {
                return Optional.of(forAnyDistrict);
            }
        }
        return Optional.empty();
    }

    public Deadlines deadlines(ReferenceSnapshot reference, String categoryCode, Instant receivedAt) {
        int hours = reference.firstResponseHours(categoryCode)
                .orElseThrow(() -> new IllegalStateException("no first-response term for " + categoryCode));
        int days = reference.resolutionDays(categoryCode)
                .orElseThrow(() -> new IllegalStateException("no resolution term for " + categoryCode));
        return new Deadlines(calendar.plusWorkingHours(receivedAt, hours), calendar.plusWorkingDays(receivedAt, days));
    }

    public record Deadlines(Instant firstResponseDue, Instant resolutionDue) {
    }
}
