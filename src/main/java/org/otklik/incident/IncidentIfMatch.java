package org.otklik.incident;

import org.otklik.common.VersionedResource;

/** The If-Match of staff actions, as {@link VersionedResource#INCIDENT} says: required at the edge, compared with the locked incident's version. */
final class IncidentIfMatch {

    private IncidentIfMatch() {
    }

    static String required(String ifMatch) {
        return VersionedResource.INCIDENT.fromClient(ifMatch);
    }

    /** 412 unless {@code ifMatch} names the incident's current version (a missing one passes: internal callers). */
    static void check(Incident incident, String ifMatch) {
        VersionedResource.INCIDENT.check(incident.version, ifMatch);
    }
}
