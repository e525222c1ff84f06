package org.otklik.incident;

public enum IncidentEventType {
    SUBMITTED,
    ACCEPTED,
    REJECTED,
    ASSIGNED,
    TRANSFERRED,
    HANDED_BACK,
    IN_PROGRESS,
    INTERIM_ANSWER,
    ANSWERED,
    MERGED,
    NOTE,
    CLOSED,
    REOPENED,
    RATED
}
