package org.otklik.poll;

import java.time.Instant;

/**
 * What a poll is at a given moment, as everyone sees it: derived, never stored, from the stored
 * {@link PollStatus} that admins drive and the poll's opening and closing times.
 */
public enum PollState {
    DRAFT,
    UPCOMING,
    OPEN,
    CLOSED,
    ARCHIVED;

    static PollState of(PollStatus status, Instant opensAt, Instant closesAt, Instant now) {
        return switch (status) {
            case DRAFT -> DRAFT;
            case ARCHIVED -> ARCHIVED;
            case CLOSED -> CLOSED;
            case PUBLISHED -> now.isBefore(opensAt) ? UPCOMING : now.isBefore(closesAt) ? OPEN : CLOSED;
        };
    }

    /**
     * The SQL form of {@link #of}: a condition on a poll row's {@code status}, {@code opens_at} and
     * {@code closes_at} that holds when the poll is in this state at {@code at} (a placeholder or an SQL
     * expression). The SQL that asks whether a poll is open, upcoming or closed uses this, with the
     * application clock's instant as {@code at}, so that it agrees with {@link #of}.
     */
    public String sqlAt(String at) {
        String published = "status = '" + PollStatus.PUBLISHED.name() + "'";
        return switch (this) {
            case DRAFT -> "status = '" + PollStatus.DRAFT.name() + "'";
            case ARCHIVED -> "status = '" + PollStatus.ARCHIVED.name() + "'";
            case UPCOMING -> "(" + published + " and opens_at > " + at + ")";
            case OPEN -> "(" + published + " and opens_at <= " + at + " and closes_at > " + at + ")";
            case CLOSED -> "(status = '" + PollStatus.CLOSED.name() + "' or " + published + " and closes_at <= " + at + ")";
        };
    }

    /** The SQL form of "voting has ended at {@code at}": the poll is {@link #CLOSED} or {@link #ARCHIVED}. */
    public static String votingEndedSqlAt(String at) {
        return "(" + CLOSED.sqlAt(at) + " or " + ARCHIVED.sqlAt(at) + ")";
    }

    boolean votingHasOpened() {
        return this == OPEN || this == CLOSED || this == ARCHIVED;
    }
}
