package org.otklik.incident;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One workflow action's pool transaction on incidents. It keeps each incident it loads with the state it was loaded
 * in, so that at the end the incidents the decision changed are written back ({@link IncidentRepository#update},
 * which moves their version) and the others are left alone, as Hibernate's change tracking did.
 */
final class IncidentTransaction {

    private record Loaded(Incident incident, IncidentRows.WorkflowState state) {
    }

    private final SqlConnection connection;
    private final IncidentRepository incidents;
    private final List<Loaded> loaded = new ArrayList<>();

    IncidentTransaction(SqlConnection connection, IncidentRepository incidents) {
        this.connection = connection;
        this.incidents = incidents;
    }

    SqlConnection connection() {
        return connection;
    }

    /** The incident numbered {@code number}, locked until the transaction ends; null when there is none. */
    Uni<Incident> lockByNumber(String number) {
        return incidents.lockByNumber(connection, number).map(found -> track(found.orElse(null)));
    }

    Uni<Incident> lockById(long id) {
        return incidents.lockById(connection, id).map(found -> track(found.orElse(null)));
    }

    /** Unlocked; null when there is none. */
    Uni<Incident> byId(long id) {
        return incidents.findById(connection, id).map(found -> track(found.orElse(null)));
    }

    Uni<List<Incident>> duplicatesOf(long mainId) {
        return incidents.duplicatesOf(connection, mainId).invoke(duplicates -> duplicates.forEach(this::track));
    }

    Uni<Void> moveDuplicates(long fromId, long toId) {
        return incidents.moveDuplicates(connection, fromId, toId);
    }

    /** Writes back, in the order they were loaded, the incidents whose state changed since. */
    Uni<Void> writeChanged() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Loaded each : loaded) {
            IncidentRows.WorkflowState now = IncidentRows.WorkflowState.of(each.incident());
            if (!now.equals(each.state())) {
                chain = chain.chain(() -> incidents.update(connection, each.incident(), now));
            }
        }
        return chain;
    }

    private Incident track(Incident incident) {
        if (incident != null) {
            loaded.add(new Loaded(incident, IncidentRows.WorkflowState.of(incident)));
        }
        return incident;
    }
}
