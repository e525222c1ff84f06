package org.otklik.incident;

import java.util.Optional;

import org.otklik.delivery.DeliveryEvent;

/**
 * What can happen to an incident, with everything each kind of event means in this one place:
 * whether citizens see it in the timeline, whether its comment is meant for them, which outbox event
 * (if any) tells the incident's channel and webhook subscribers, whether the comment travels as the
 * answer text, and whether it counts as a change of the incident ({@code updatedAt}).
 */
public enum IncidentEventType {
    SUBMITTED(Facts.VISIBLE),
    ACCEPTED(Facts.VISIBLE.delivered(DeliveryEvent.ACCEPTED)),
    REJECTED(Facts.VISIBLE.forCitizen().delivered(DeliveryEvent.REJECTED).asAnswer()),
    ASSIGNED(Facts.VISIBLE),
    TRANSFERRED(Facts.VISIBLE.delivered(DeliveryEvent.ASSIGNED)),
    HANDED_BACK(Facts.VISIBLE.delivered(DeliveryEvent.ASSIGNED)),
    IN_PROGRESS(Facts.VISIBLE),
    INTERIM_ANSWER(Facts.VISIBLE.forCitizen().delivered(DeliveryEvent.INTERIM_ANSWER).asAnswer()),
    ANSWERED(Facts.VISIBLE.forCitizen().delivered(DeliveryEvent.ANSWERED).asAnswer()),
    MERGED(Facts.VISIBLE),
    NOTE(Facts.STAFF_ONLY.leavesUpdatedAt()),
    CLOSED(Facts.VISIBLE.delivered(DeliveryEvent.CLOSED)),
    REOPENED(Facts.VISIBLE.forCitizen().delivered(DeliveryEvent.REOPENED)),
    RATED(Facts.VISIBLE.forCitizen().delivered(DeliveryEvent.CLOSED)),
    /** Staff marked a photo publishable (comment: the media id) or withdrew it. */
    PHOTO_PUBLISHED(Facts.STAFF_ONLY.leavesUpdatedAt()),
    PHOTO_WITHDRAWN(Facts.STAFF_ONLY.leavesUpdatedAt());

    private final Facts facts;

    IncidentEventType(Facts facts) {
        this.facts = facts;
    }

    /** Shown in the citizen's timeline (the event's {@code public} flag). */
    public boolean visibleToCitizen() {
        return facts.visibleToCitizen;
    }

    /** The comment is written for the citizen; other comments (transfer reasons, merge numbers) are staff's. */
    public boolean commentForCitizen() {
        return facts.commentForCitizen;
    }

    /** The outbox event type sent to the incident's channel and webhook subscribers, if any. */
    public Optional<String> deliveryType() {
        return Optional.ofNullable(facts.deliveryType);
    }

    /** The comment travels as the delivery's answer text. */
    public boolean answerLike() {
        return facts.answerLike;
    }

    /** The event is a change of the incident, so it moves {@code updatedAt} (a staff note does not). */
    public boolean touchesUpdatedAt() {
        return facts.touchesUpdatedAt;
    }

    /** All the outbox event types of incidents. */
    public static java.util.Set<String> deliveryTypes() {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (IncidentEventType type : values()) {
            type.deliveryType().ifPresent(types::add);
        }
        return types;
    }

    private record Facts(boolean visibleToCitizen, boolean commentForCitizen, String deliveryType, boolean answerLike,
            boolean touchesUpdatedAt) {

        static final Facts VISIBLE = new Facts(true, false, null, false, true);
        static final Facts STAFF_ONLY = new Facts(false, false, null, false, true);

        Facts forCitizen() {
            return new Facts(visibleToCitizen, true, deliveryType, answerLike, touchesUpdatedAt);
        }

        Facts delivered(String type) {
            return new Facts(visibleToCitizen, commentForCitizen, type, answerLike, touchesUpdatedAt);
        }

        Facts asAnswer() {
            return new Facts(visibleToCitizen, commentForCitizen, deliveryType, true, touchesUpdatedAt);
        }

        Facts leavesUpdatedAt() {
            return new Facts(visibleToCitizen, commentForCitizen, deliveryType, answerLike, false);
        }
    }
}
