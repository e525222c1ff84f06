package org.otklik.notice;

import java.time.Instant;

/** What a published notice is at an instant: a notice whose end has passed reads as ENDED. */
public enum NoticeState {
    DRAFT,
    UPCOMING,
    ACTIVE,
    ENDED,
    CANCELLED;

    static NoticeState of(NoticeStatus status, Instant startsAt, Instant endsAt, Instant now) {
        return switch (status) {
            case DRAFT -> DRAFT;
            case CANCELLED -> CANCELLED;
            case ENDED -> ENDED;
            case PUBLISHED -> !endsAt.isAfter(now) ? ENDED : startsAt.isAfter(now) ? UPCOMING : ACTIVE;
        };
    }
}
