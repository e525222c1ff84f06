package org.otklik.incident;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class IncidentEventRepository implements PanacheRepositoryBase<IncidentEvent, Long> {

    public Uni<List<IncidentEvent>> publicTimeline(Long incidentId) {
        return list("incidentId = ?1 and visibleToCitizen = true order by occurredAt, id", incidentId);
    }

    public Uni<List<IncidentEvent>> fullTimeline(Long incidentId) {
        return list("incidentId = ?1 order by occurredAt, id", incidentId);
    }
}
