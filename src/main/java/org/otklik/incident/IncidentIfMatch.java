package org.otklik.incident;

import org.otklik.common.EntityTags;
import org.otklik.common.ProblemException;
import org.otklik.common.ProblemType;

/** The If-Match of staff actions: required at the edge, compared with the locked incident's version. */
final class IncidentIfMatch {

    private IncidentIfMatch() {
    }

    /** Without the version the action was decided on, two staff acting at once would silently overwrite each other. */
    static String required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag of the incident as "
                    + "you read it (GET /api/v1/incidents/{number}); an action without it could overwrite someone else's.");
        }
        return ifMatch;
    }

    /** 412 unless {@code ifMatch} names the incident's current version (a missing one passes: internal callers). */
    static void check(Incident incident, String ifMatch) {
        if (EntityTags.ifMatchAccepts(ifMatch, incident.entityTag())) {
            return;
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The incident has changed since you read it (now version " + incident.version + "); reload it and try again.");
    }
}
