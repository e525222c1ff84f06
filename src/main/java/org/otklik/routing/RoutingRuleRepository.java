package org.otklik.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class RoutingRuleRepository implements PanacheRepositoryBase<RoutingRule, Long> {

    public Uni<List<RoutingRule>> listAllRules() {
        return listAll();
    }
}
