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

    /** The statuses of an incident still being worked on: the one list (SQL outside incident uses incident_open_statuses()). */
    public static final Set<IncidentStatus> OPEN = EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, REOPENED);

    /** {@link #OPEN} as an SQL list, for {@code status in ...}. */
    public static final String OPEN_SQL = OPEN.stream().map(status -> "'" + status.name() + "'")
            .collect(java.util.stream.Collectors.joining(",", "(", ")"));

    /** {@link #OPEN} by name. */
    public static final Set<String> OPEN_NAMES = OPEN.stream().map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
