package org.otklik.incident;

import java.util.EnumSet;
import java.util.Set;

public enum IncidentStatus {
    /** Awaits moderation by an operator. */
    NEW,
    /** Spam, abusive, empty or not a municipal matter. */
    REJECTED,
    ASSIGNED,
    IN_PROGRESS,
    ANSWERED,
    CLOSED,
    /** The citizen contested the answer: back to work. */
    REOPENED,
    /** Merged into another incident, whose answer it receives. */
    DUPLICATE;

    public static final Set<IncidentStatus> OPEN = EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, REOPENED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
