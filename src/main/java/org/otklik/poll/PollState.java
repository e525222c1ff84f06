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

    boolean votingHasOpened() {
        return this == OPEN || this == CLOSED || this == ARCHIVED;
    }
}
