package org.otklik.routing;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Keeps a snapshot of the reference data for a minute. A request that finds it stale loads its own
 * copy on its own session (never sharing one load between requests, whose sessions belong to
 * different event-loop contexts).
 */
@ApplicationScoped
public class ReferenceCatalog {

    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

    private final CategoryRepository categories;
    private final DistrictRepository districts;
    private final OrganizationRepository organizations;
    private final RoutingRuleRepository rules;

    private volatile ReferenceSnapshot snapshot;
    private volatile Instant loadedAt = Instant.EPOCH;

    public ReferenceCatalog(CategoryRepository categories, DistrictRepository districts,
            OrganizationRepository organizations, RoutingRuleRepository rules) {
        this.categories = categories;
        this.districts = districts;
        this.organizations = organizations;
        this.rules = rules;
    }

    public Uni<ReferenceSnapshot> current() {
        ReferenceSnapshot cached = snapshot;
        if (cached != null && loadedAt.plus(TIME_TO_LIVE).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        return categories.listInDisplayOrder()
                .chain(c -> districts.listInDisplayOrder()
                        .chain(d -> organizations.listInDisplayOrder()
                                .chain(o -> rules.listAllRules()
                                        .map(r -> new ReferenceSnapshot(c, d, o, r)))))
                .invoke(loaded -> {
                    snapshot = loaded;
                    loadedAt = Instant.now();
                });
    }
}
