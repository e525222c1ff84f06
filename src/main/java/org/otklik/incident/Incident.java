package org.otklik.incident;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.otklik.common.ProblemException;
import org.otklik.common.ProblemType;
import org.otklik.routing.Overdue;
import org.otklik.security.Channel;

@Entity
@Table(name = "incident")
public class Incident {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 20, unique = true)
    public String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Channel channel;

    @Column(name = "external_id", length = 200)
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "social_platform", length = 16)
    public SocialPlatform socialPlatform;

    @Column(name = "source_url", length = 2000)
    public String sourceUrl;

    @Column(name = "source_page_id", length = 200)
    public String sourcePageId;

    @Column(name = "source_posted_at")
    public Instant sourcePostedAt;

    @Column(name = "category_code", nullable = false, length = 64)
    public String categoryCode;

    @Column(name = "category_confidence", precision = 4, scale = 3)
    public BigDecimal categoryConfidence;

    @Column(name = "district_code", length = 64)
    public String districtCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "district_source", length = 16)
    public DistrictSource districtSource;

    @Column(length = 300)
    public String address;

    /** Kept by the supporters' own statement; never written through the entity (a stale copy would lose supports). */
    @Column(insertable = false, updatable = false)
    public int supporters;

    @Column(name = "location_lat")
    public Double locationLat;

    @Column(name = "location_lon")
    public Double locationLon;

    @Column(nullable = false, length = 5000)
    public String text;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] attachments;

    @Column(name = "author_subject", length = 255)
    public String authorSubject;

    @Column(name = "author_external_id", length = 255)
    public String authorExternalId;

    @Column(name = "author_handle", length = 255)
    public String authorHandle;

    @Column(name = "submitted_by", nullable = false, length = 255)
    public String submittedBy;

    @Column(name = "contact_phone", length = 32)
    public String contactPhone;

    @Column(name = "contact_email", length = 254)
    public String contactEmail;

    /** The resident asked to hear back by e-mail at each step (widget and mobile only). */
    @Column(nullable = false)
    public boolean notify;

    /** The address for those mails when it is not {@link #contactEmail} (the token's verified address). */
    @Column(name = "notify_email", length = 254)
    public String notifyEmail;

    /** The resident's language for mails: ru or en. */
    @Column(nullable = false, length = 2)
    public String language = "ru";

    @Column(name = "organization_code", nullable = false, length = 64)
    public String organizationCode;

    @Column(name = "redirect_to_confirm", nullable = false)
    public boolean redirectToConfirm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public IncidentStatus status;

    @Column(name = "rejection_reason", length = 32)
    public String rejectionReason;

    @Enumerated(EnumType.STRING)
    @Column(length = 24)
    public Resolution resolution;

    @Column(name = "answer_text", length = 5000)
    public String answerText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "answer_attachments", nullable = false, columnDefinition = "text[]")
    public String[] answerAttachments = new String[0];

    @Column(name = "redirected_to", length = 300)
    public String redirectedTo;

    @Column(name = "interim_answer_text", length = 5000)
    public String interimAnswerText;

    @Column(name = "interim_planned_date")
    public LocalDate interimPlannedDate;

    @Column(name = "interim_answered_at")
    public Instant interimAnsweredAt;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(name = "rating_accepted")
    public Boolean ratingAccepted;

    @Column(name = "rating_comment", length = 2000)
    public String ratingComment;

    @Column(name = "rated_at")
    public Instant ratedAt;

    @Column(name = "first_response_due", nullable = false)
    public Instant firstResponseDue;

    @Column(name = "resolution_due", nullable = false)
    public Instant resolutionDue;

    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "duplicate_of")
    public Long duplicateOf;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(nullable = false)
    public int version;

    /** Where the mails about this incident go: the address given for them, else the contact e-mail. */
    public String mailAddress() {
        return notifyEmail != null ? notifyEmail : contactEmail;
    }

    /** Only one interim answer is allowed. */
    boolean awaitsInterimAnswer() {
        return interimAnsweredAt == null;
    }

    // The state changes. Each checks its rule (beyond the status and role checked by IncidentAction),
    // changes the incident and returns the event to record; the workflow service only locks and records.

    IncidentChange accept(String comment, Instant now) {
        respond(now);
        status = IncidentStatus.ASSIGNED;
        redirectToConfirm = false;
        return IncidentChange.of(this, IncidentEventType.ACCEPTED, comment);
    }

    IncidentChange reject(String reason, String comment, Instant now) {
        respond(now);
        status = IncidentStatus.REJECTED;
        rejectionReason = reason;
        return IncidentChange.of(this, IncidentEventType.REJECTED, reason + (comment == null ? "" : ": " + comment));
    }

    /** An operator's transfer, or an executor's hand-back to the centre. */
    IncidentChange assignTo(String organization, boolean external, boolean byOperator, String reason, Instant now) {
        if (organization.equals(organizationCode)) {
            throw ProblemException.conflict("The incident is already assigned to " + organization + ".");
        }
        organizationCode = organization;
        redirectToConfirm = external;
        if (status != IncidentStatus.NEW) {
            status = IncidentStatus.ASSIGNED;
        }
        respond(now);
        return IncidentChange.of(this, byOperator ? IncidentEventType.TRANSFERRED : IncidentEventType.HANDED_BACK, reason);
    }

    IncidentChange startWork(Instant now) {
        status = IncidentStatus.IN_PROGRESS;
        respond(now);
        return IncidentChange.of(this, IncidentEventType.IN_PROGRESS, null);
    }

    /** @param plannedEnd the end of the planned day, which pushes the resolution deadline out if later */
    IncidentChange giveInterimAnswer(String text, LocalDate plannedDate, Instant plannedEnd, Instant now) {
        if (!awaitsInterimAnswer()) {
            throw new IncidentConflict("An interim answer was already given; only one is allowed.");
        }
        interimAnswerText = text;
        interimPlannedDate = plannedDate;
        interimAnsweredAt = now;
        if (plannedEnd.isAfter(resolutionDue)) {
            resolutionDue = plannedEnd;
        }
        status = IncidentStatus.IN_PROGRESS;
        respond(now);
        return IncidentChange.of(this, IncidentEventType.INTERIM_ANSWER, text);
    }

    IncidentChange answer(String text, Resolution resolution, String redirectedTo, java.util.List<String> attachments,
            Instant now) {
        status = IncidentStatus.ANSWERED;
        answerText = text;
        this.resolution = resolution;
        this.redirectedTo = redirectedTo;
        answerAttachments = attachments == null ? new String[0] : attachments.toArray(String[]::new);
        answeredAt = now;
        redirectToConfirm = false;
        respond(now);
        return IncidentChange.of(this, IncidentEventType.ANSWERED, text);
    }

    /** A duplicate receives the answer of the incident it was merged into. */
    IncidentChange receiveAnswer(String text) {
        return IncidentChange.of(this, IncidentEventType.ANSWERED, text);
    }

    /**
     * Merges this incident into {@code main} (already resolved to the main incident of a chain).
     * @return this incident's event, then the staff-only event on {@code main}
     */
    java.util.List<IncidentChange> mergeInto(Incident main, Instant now) {
        if (main.id.equals(id)) {
            throw new IncidentConflict("An incident cannot be merged into itself.");
        }
        if (!main.status.isOpen()) {
            throw new IncidentConflict("Incidents can only be merged into an open one; " + main.number + " is " + main.status + ".");
        }
        status = IncidentStatus.DUPLICATE;
        resolution = Resolution.DUPLICATE;
        duplicateOf = main.id;
        redirectToConfirm = false;
        respond(now);
        return java.util.List.of(IncidentChange.of(this, IncidentEventType.MERGED, main.number),
                IncidentChange.staffOnly(main, IncidentEventType.MERGED, number));
    }

    IncidentChange note(String text) {
        return IncidentChange.of(this, IncidentEventType.NOTE, text);
    }

    /** Staff's close of an answered incident, and the automatic one of an answer nobody contested. */
    IncidentChange close(Instant now) {
        return closeWith(IncidentEventType.CLOSED, null, now);
    }

    /**
     * The author accepts the answer (closing the incident) or contests it (reopening it).
     * @param reopenedDue the resolution deadline of a reopened incident
     */
    IncidentChange rate(boolean accepted, String comment, Duration ratingPeriod, Instant reopenedDue, Instant now) {
        if (status != IncidentStatus.ANSWERED) {
            throw new ProblemException(ProblemType.CONFLICT, "Only an answered incident can be rated; this one is " + status + ".",
                    java.util.List.of(), java.util.Map.of("allowedActions", java.util.List.of()));
        }
        if (now.isAfter(answeredAt.plus(ratingPeriod))) {
            throw ProblemException.conflict(
                    "The answer can be rated within " + ratingPeriod.toDays() + " days; that period is over.");
        }
        ratingAccepted = accepted;
        ratingComment = comment;
        ratedAt = now;
        if (accepted) {
            return closeWith(IncidentEventType.RATED, comment, now);
        }
        status = IncidentStatus.REOPENED;
        reopenCount++;
        resolutionDue = reopenedDue;
        return IncidentChange.of(this, IncidentEventType.REOPENED, comment);
    }

    /** The one way an incident closes. */
    private IncidentChange closeWith(IncidentEventType type, String comment, Instant now) {
        status = IncidentStatus.CLOSED;
        closedAt = now;
        return IncidentChange.of(this, type, comment);
    }

    private void respond(Instant now) {
        if (firstRespondedAt == null) {
            firstRespondedAt = now;
        }
    }

    /** Open and past a deadline, as {@link Overdue} defines it. */
    public boolean isOverdue(Instant now) {
        return Overdue.isOverdue(status.isOpen(), firstResponseDue, resolutionDue, firstRespondedAt, now);
    }
}
