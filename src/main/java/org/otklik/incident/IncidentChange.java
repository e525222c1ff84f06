package org.otklik.incident;

/**
 * What a state change of an {@link Incident} did: the event to record on which incident, with its
 * comment. Whether citizens see it follows from the event type, except for the staff-only side of a
 * merge on the main incident.
 */
record IncidentChange(Incident incident, IncidentEventType type, String comment, boolean visibleToCitizen) {

    static IncidentChange of(Incident incident, IncidentEventType type, String comment) {
        return new IncidentChange(incident, type, comment, type.visibleToCitizen());
    }

    static IncidentChange staffOnly(Incident incident, IncidentEventType type, String comment) {
        return new IncidentChange(incident, type, comment, false);
    }
}
