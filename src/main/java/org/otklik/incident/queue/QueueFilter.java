package org.otklik.incident.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.otklik.common.web.KeysetCursor;
import org.otklik.incident.IncidentStatus;
import org.otklik.security.Channel;

/**
 * The filters of the staff queue. {@code categoryCodes} already holds the chosen category's
 * subtree; {@code organization} is forced to the executor's own for executors; {@code notice} keeps the
 * incidents linked to that city notice.
 */
public record QueueFilter(
        Set<IncidentStatus> statuses,
        List<String> categoryCodes,
        Optional<String> district,
        Optional<String> organization,
        Optional<Channel> channel,
        Optional<Boolean> overdue,
        Optional<Instant> createdFrom,
        Optional<Instant> createdTo,
        Optional<String> text,
        Optional<Long> notice,
        QueueSort sort,
        Optional<KeysetCursor> after,
        int limit) {

    /** The same filter, limited to one organisation's incidents. */
    public QueueFilter confinedTo(String organizationCode) {
        return new QueueFilter(statuses, categoryCodes, district, Optional.of(organizationCode), channel, overdue,
                createdFrom, createdTo, text, notice, sort, after, limit);
    }

    public enum QueueSort {
        /** Newest first. */
        CREATED_AT,
        /** Nearest resolution deadline first. */
        RESOLUTION_DUE,
        /** Most supporters first, newest first among equals. */
        SUPPORTERS
    }
}
