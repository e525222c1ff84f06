package org.otklik.incident;

/**
 * What a state change of an {@link Incident} did: the event to record on which incident, with its
 * comment. Whether citizens see it follows from the event type, except for the staff-only side of a
 * merge on the main incident. An answer carries the links to its photos for the incident's channel.
 */
record IncidentChange(Incident incident, IncidentEventType type, String comment, boolean visibleToCitizen,
        java.util.List<String> photoLinks) {

    static IncidentChange of(Incident incident, IncidentEventType type, String comment) {
        return new IncidentChange(incident, type, comment, type.visibleToCitizen(), java.util.List.of());
    }

    static IncidentChange staffOnly(Incident incident, IncidentEventType type, String comment) {
        return new IncidentChange(incident, type, comment, false, java.util.List.of());
    }

    /** The same change, delivered with links (valid for a limited time) to its "after" photos. */
    IncidentChange withPhotoLinks(java.util.List<String> links) {
        return new IncidentChange(incident, type, comment, visibleToCitizen, java.util.List.copyOf(links));
    }
}
