package org.otklik.notify;

import java.util.Optional;

import org.otklik.incident.IncidentEventType;

/** The kinds of mail residents get, each with the outbox event type its rows carry. */
public enum MailKind {
    REGISTERED("incident.registered"),
    INTERIM_ANSWER("incident.interim_answer"),
    ANSWERED("incident.answered"),
    REJECTED("incident.rejected"),
    REOPENED("incident.reopened"),
    CLOSED("incident.closed"),
    /** One notice published, edited or ended (the row carries the notice event's own type). */
    NOTICE("notice"),
    /** The daily digest of a resident's notices. */
    NOTICE_DIGEST("notice.digest"),
    /** Asks the resident to confirm an address they typed (double opt-in), for a message's mails or for notices. */
    CONFIRM("mail.confirm");

    private final String eventType;

    MailKind(String eventType) {
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    /** A mail about one message (the confirmation mail is not one of them). */
    public boolean aboutIncident() {
        return this != NOTICE && this != NOTICE_DIGEST && this != CONFIRM;
    }

    /** A mail showing notices. */
    public boolean aboutNotices() {
        return this == NOTICE || this == NOTICE_DIGEST;
    }

    /**
     * The mail a change of an incident sends its author, if any: registered, interim answer, answer, rejection,
     * reopened and closed. Other changes (moderation accepted, transfers, staff notes, merges) send none.
     */
    public static Optional<MailKind> of(IncidentEventType type) {
        return Optional.ofNullable(switch (type) {
            case SUBMITTED -> REGISTERED;
            case INTERIM_ANSWER -> INTERIM_ANSWER;
            case ANSWERED -> ANSWERED;
            case REJECTED -> REJECTED;
            case REOPENED -> REOPENED;
            case CLOSED, RATED -> CLOSED;
            case ACCEPTED, ASSIGNED, TRANSFERRED, HANDED_BACK, IN_PROGRESS, MERGED, NOTE, PHOTO_PUBLISHED, PHOTO_WITHDRAWN -> null;
        });
    }
}
