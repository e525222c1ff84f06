package org.otklik.incident.events;

import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class IncidentEventRepository implements PanacheRepositoryBase<IncidentEvent, Long> {

    /** Appends an event in a pool transaction (the intake's). */
    public Uni<Void> insert(SqlConnection transaction, IncidentEvent event) {
        return transaction.preparedQuery("""
                insert into incident_event (incident_id, occurred_at, type, public, actor_subject, actor_role,
                    actor_organization, status, organization_code, comment)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id""")
                .execute(Tuple.from(new Object[] { event.incidentId, event.occurredAt.atOffset(ZoneOffset.UTC),
                        event.type.name(), event.visibleToCitizen, event.actorSubject, event.actorRole,
                        event.actorOrganization, event.status == null ? null : event.status.name(), event.organizationCode,
                        event.comment }))
                .invoke(rows -> event.id = rows.iterator().next().getLong("id"))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<IncidentEvent>> publicTimeline(Long incidentId) {
        return list("incidentId = ?1 and visibleToCitizen = true order by occurredAt, id", incidentId);
    }

    @WithSession
    public Uni<List<IncidentEvent>> fullTimeline(Long incidentId) {
        return list("incidentId = ?1 order by occurredAt, id", incidentId);
    }
}
