package org.otklik.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.routing.Overdue;

/**
 * An incident: a resident's message as the centre works it. Its state changes are here, each checking its rule;
 * its columns are {@link IncidentRow}'s.
 */
@Entity
@Table(name = "incident")
public class Incident extends IncidentRow {

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
