package org.otklik.incident;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.media.MediaAccessPolicy;
import org.otklik.media.MediaRow;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Photos follow their incident's visibility: its author, operators, the executors of its organisation and the
 * integration client of its channel see them. An "after" photo also reaches the authors of incidents merged into
 * it, who receive its answer; a message's own photo does not (it is another resident's).
 */
@ApplicationScoped
public class IncidentMediaAccess implements MediaAccessPolicy {

    private final IncidentRepository incidents;

    public IncidentMediaAccess(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @Override
    public Uni<Boolean> maySee(Caller caller, long incidentId, String role) {
        return Panache.withSession(() -> incidents.findById(incidentId).chain(incident -> {
            if (incident == null) {
                return Uni.createFrom().item(false);
            }
            if (seesDirectly(caller, incident)) {
                return Uni.createFrom().item(true);
            }
            if (!MediaRow.ANSWER.equals(role) || !caller.hasRole(Roles.CITIZEN)) {
                return Uni.createFrom().item(false);
            }
            return incidents.duplicatesOf(incident.id)
                    .map(duplicates -> duplicates.stream().anyMatch(d -> caller.subject().equals(d.authorSubject)));
        }));
    }

    private static boolean seesDirectly(Caller caller, Incident incident) {
        if (caller.hasRole(Roles.OPERATOR)) {
            return true;
        }
        if (caller.hasRole(Roles.EXECUTOR) && caller.organization().map(incident.organizationCode::equals).orElse(false)) {
            return true;
        }
        if (caller.hasRole(Roles.INTEGRATION) && caller.channel().map(channel -> channel == incident.channel).orElse(false)) {
            return true;
        }
        return caller.hasRole(Roles.CITIZEN) && caller.subject().equals(incident.authorSubject);
    }
}
