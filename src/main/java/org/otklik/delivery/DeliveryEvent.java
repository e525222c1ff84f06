package org.otklik.delivery;

import java.time.Instant;
import java.time.LocalDate;

import org.otklik.security.Channel;

/**
 * A citizen-visible change of an incident, as the outbox records it; {@code photoLinks} are time-limited links to
 * an answer's photos, for the incident's own channel.
 */
public record DeliveryEvent(
        String type,
        long incidentId,
        String number,
        String status,
        Channel channel,
        String externalId,
        String socialPlatform,
        String categoryCode,
        String organizationCode,
        String answerText,
        String resolution,
        LocalDate plannedDate,
        Instant occurredAt,
        java.util.List<String> photoLinks) {

    public static final String ACCEPTED = "incident.accepted";
    public static final String REJECTED = "incident.rejected";
    public static final String ASSIGNED = "incident.assigned";
    public static final String INTERIM_ANSWER = "incident.interim_answer";
    public static final String ANSWERED = "incident.answered";
    public static final String REOPENED = "incident.reopened";
    public static final String CLOSED = "incident.closed";

    public static final String NOTICE_PUBLISHED = "notice.published";
    public static final String NOTICE_UPDATED = "notice.updated";
    public static final String NOTICE_ENDED = "notice.ended";

    /** The notice events; the incident events are declared by incident's {@link DeliveredEvents}. */
    static final java.util.Set<String> NOTICE_TYPES = java.util.Set.of(NOTICE_PUBLISHED, NOTICE_UPDATED, NOTICE_ENDED);
}
