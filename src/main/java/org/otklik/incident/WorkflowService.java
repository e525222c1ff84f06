package org.otklik.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.EntityTags;
import org.otklik.common.ProblemException;
import org.otklik.common.ProblemType;
import org.otklik.delivery.DeliveryEvent;
import org.otklik.delivery.DeliveryOutbox;
import org.otklik.incident.WorkflowRequests.ModerationDecision;
import org.otklik.routing.Organization;
import org.otklik.routing.OrganizationKind;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.RoutingService;
import org.otklik.routing.WorkingCalendar;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The staff actions and the citizen's rating. Each locks the incident row for the length of its
 * transaction, so that of two staff acting at once the second sees the first one's result: its
 * action is then illegal (409) or its If-Match stale (412).
 */
@ApplicationScoped
public class WorkflowService {

    private final IncidentRepository incidents;
    private final IncidentEventRepository events;
    private final StaffIncidentService staffViews;
    private final CitizenIncidentService citizenViews;
    private final ReferenceCatalog referenceCatalog;
    private final WorkingCalendar calendar;
    private final WorkflowConfig config;
    private final DeliveryOutbox outbox;
    private final Clock clock;

    public WorkflowService(IncidentRepository incidents, IncidentEventRepository events, StaffIncidentService staffViews,
            CitizenIncidentService citizenViews, ReferenceCatalog referenceCatalog, WorkingCalendar calendar,
            WorkflowConfig config, DeliveryOutbox outbox, Clock clock) {
        this.incidents = incidents;
        this.events = events;
        this.staffViews = staffViews;
        this.citizenViews = citizenViews;
        this.referenceCatalog = referenceCatalog;
        this.calendar = calendar;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<StaffIncidentView> moderate(Caller caller, String number, String ifMatch, WorkflowRequests.Moderation request) {
        if (request.decision() == ModerationDecision.REJECT && request.reason() == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("/reason", "a rejection needs a reason"));
        }
        return act(caller, number, ifMatch, IncidentAction.MODERATION, incident -> {
            Instant now = clock.instant();
            respond(incident, now);
            if (request.decision() == ModerationDecision.ACCEPT) {
                incident.status = IncidentStatus.ASSIGNED;
                incident.redirectToConfirm = false;
                return record(incident, caller, IncidentEventType.ACCEPTED, true, request.comment());
            }
            incident.status = IncidentStatus.REJECTED;
            incident.rejectionReason = request.reason().name();
            return record(incident, caller, IncidentEventType.REJECTED, true,
                    request.reason().name() + (request.comment() == null ? "" : ": " + request.comment()));
        });
    }

    @WithTransaction
    public Uni<StaffIncidentView> assign(Caller caller, String number, String ifMatch, WorkflowRequests.Assignment request) {
        boolean operator = caller.hasRole(Roles.OPERATOR);
        if (!operator && request.organizationCode() != null && !RoutingService.CENTRE.equals(request.organizationCode())) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "Executors can only hand an incident back to the МЦУ (organizationCode \"mcu\" or none)."));
        }
        if (operator && request.organizationCode() == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("/organizationCode", "the organisation to transfer to is required"));
        }
        String target = operator ? request.organizationCode() : RoutingService.CENTRE;
        return referenceCatalog.current().chain(reference -> {
            Organization organization = reference.organization(target).orElseThrow(
                    () -> ProblemException.invalidField("/organizationCode", "unknown organisation"));
            return act(caller, number, ifMatch, IncidentAction.ASSIGNMENT, incident -> {
                if (organization.code.equals(incident.organizationCode)) {
                    throw ProblemException.conflict("The incident is already assigned to " + organization.code + ".");
                }
                incident.organizationCode = organization.code;
                incident.redirectToConfirm = organization.kind == OrganizationKind.EXTERNAL;
                if (incident.status != IncidentStatus.NEW) {
                    incident.status = IncidentStatus.ASSIGNED;
                }
                respond(incident, clock.instant());
                return record(incident, caller, operator ? IncidentEventType.TRANSFERRED : IncidentEventType.HANDED_BACK,
                        true, request.reason());
            });
        });
    }

    @WithTransaction
    public Uni<StaffIncidentView> startWork(Caller caller, String number, String ifMatch) {
        return act(caller, number, ifMatch, IncidentAction.PROGRESS, incident -> {
            incident.status = IncidentStatus.IN_PROGRESS;
            respond(incident, clock.instant());
            return record(incident, caller, IncidentEventType.IN_PROGRESS, true, null);
        });
    }

    @WithTransaction
    public Uni<StaffIncidentView> interimAnswer(Caller caller, String number, String ifMatch,
            WorkflowRequests.InterimAnswer request) {
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        if (!request.plannedDate().isAfter(today) || request.plannedDate().isAfter(today.plusDays(config.interimMaxDaysAhead()))) {
            return Uni.createFrom().failure(ProblemException.invalidField("/plannedDate",
                    "must lie after today and at most " + config.interimMaxDaysAhead() + " days ahead"));
        }
        return act(caller, number, ifMatch, IncidentAction.INTERIM_ANSWER, incident -> {
            if (incident.interimAnsweredAt != null) {
                throw conflict(incident, caller, "An interim answer was already given; only one is allowed.");
            }
            Instant now = clock.instant();
            incident.interimAnswerText = request.text();
            incident.interimPlannedDate = request.plannedDate();
            incident.interimAnsweredAt = now;
            Instant planned = calendar.endOfWorkingDay(request.plannedDate());
            if (planned.isAfter(incident.resolutionDue)) {
                incident.resolutionDue = planned;
            }
            incident.status = IncidentStatus.IN_PROGRESS;
            respond(incident, now);
            return record(incident, caller, IncidentEventType.INTERIM_ANSWER, true, request.text());
        });
    }

    @WithTransaction
    public Uni<StaffIncidentView> answer(Caller caller, String number, String ifMatch, WorkflowRequests.Answer request) {
        if (request.resolution() == Resolution.DUPLICATE) {
            return Uni.createFrom().failure(ProblemException.invalidField("/resolution", "merge duplicates with the merge action"));
        }
        boolean notResponsible = request.resolution() == Resolution.NOT_RESPONSIBLE;
        if (notResponsible && (request.redirectedTo() == null || request.redirectedTo().isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalidField("/redirectedTo",
                    "name the body the citizen should turn to"));
        }
        if (!notResponsible && request.redirectedTo() != null) {
            return Uni.createFrom().failure(ProblemException.invalidField("/redirectedTo", "only for NOT_RESPONSIBLE"));
        }
        return act(caller, number, ifMatch, IncidentAction.ANSWER, incident -> {
            Instant now = clock.instant();
            incident.status = IncidentStatus.ANSWERED;
            incident.answerText = request.text();
            incident.resolution = request.resolution();
            incident.redirectedTo = request.redirectedTo();
            incident.answerAttachments = request.attachments() == null ? new String[0]
                    : request.attachments().toArray(String[]::new);
            incident.answeredAt = now;
            incident.redirectToConfirm = false;
            respond(incident, now);
            return record(incident, caller, IncidentEventType.ANSWERED, true, request.text())
                    .chain(() -> incidents.duplicatesOf(incident.id))
                    .chain(duplicates -> recordEach(duplicates, caller, IncidentEventType.ANSWERED, request.text()));
        });
    }

    @WithTransaction
    public Uni<StaffIncidentView> merge(Caller caller, String number, String ifMatch, WorkflowRequests.Merge request) {
        return act(caller, number, ifMatch, IncidentAction.MERGE, incident -> incidents.findByNumberForUpdate(request.intoNumber())
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("/intoNumber", "no incident has this number"))
                .chain(target -> target.duplicateOf == null ? Uni.createFrom().item(target)
                        : incidents.findById(target.duplicateOf))
                .chain(main -> {
                    if (main.id.equals(incident.id)) {
                        return Uni.createFrom().failure(conflict(incident, caller, "An incident cannot be merged into itself."));
                    }
                    if (!main.status.isOpen()) {
                        return Uni.createFrom().failure(conflict(incident, caller,
                                "Incidents can only be merged into an open one; " + main.number + " is " + main.status + "."));
                    }
                    Instant now = clock.instant();
                    incident.status = IncidentStatus.DUPLICATE;
                    incident.resolution = Resolution.DUPLICATE;
                    incident.duplicateOf = main.id;
                    incident.redirectToConfirm = false;
                    respond(incident, now);
                    return record(incident, caller, IncidentEventType.MERGED, true, main.number)
                            .chain(() -> record(main, caller, IncidentEventType.MERGED, false, incident.number))
                            .chain(() -> incidents.update("duplicateOf = ?1 where duplicateOf = ?2", main.id, incident.id))
                            .replaceWithVoid();
                }));
    }

    @WithTransaction
    public Uni<StaffIncidentView> note(Caller caller, String number, String ifMatch, WorkflowRequests.Note request) {
        return act(caller, number, ifMatch, IncidentAction.NOTES,
                incident -> record(incident, caller, IncidentEventType.NOTE, false, request.text()));
    }

    @WithTransaction
    public Uni<StaffIncidentView> close(Caller caller, String number, String ifMatch) {
        return act(caller, number, ifMatch, IncidentAction.CLOSE, incident -> {
            incident.status = IncidentStatus.CLOSED;
            incident.closedAt = clock.instant();
            return record(incident, caller, IncidentEventType.CLOSED, true, null);
        });
    }

    /** The author accepts the answer (closing the incident) or contests it (reopening it with a shorter term). */
    @WithTransaction
    public Uni<MyIncidentView> rate(Caller caller, String number, WorkflowRequests.Rating request) {
        if (!request.accepted() && (request.comment() == null || request.comment().isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalidField("/comment", "say what is wrong with the answer"));
        }
        return incidents.findByNumberForUpdate(number)
                .onItem().transform(incident -> incident != null && caller.subject().equals(incident.authorSubject) ? incident : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no incident numbered " + number + "."))
                .chain(incident -> {
                    if (incident.status != IncidentStatus.ANSWERED) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                                "Only an answered incident can be rated; this one is " + incident.status + ".",
                                List.of(), Map.of("allowedActions", List.of())));
                    }
                    Instant now = clock.instant();
                    if (now.isAfter(incident.answeredAt.plus(Duration.ofDays(config.ratingPeriodDays())))) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "The answer can be rated within " + config.ratingPeriodDays() + " days; that period is over."));
                    }
                    incident.ratingAccepted = request.accepted();
                    incident.ratingComment = request.comment();
                    incident.ratedAt = now;
                    incident.updatedAt = now;
                    IncidentEvent event = event(incident, caller.subject(), Roles.CITIZEN, null, true, request.comment());
                    if (request.accepted()) {
                        incident.status = IncidentStatus.CLOSED;
                        incident.closedAt = now;
                        event.type = IncidentEventType.RATED;
                    } else {
                        incident.status = IncidentStatus.REOPENED;
                        incident.reopenCount++;
                        incident.resolutionDue = calendar.plusWorkingDays(now, config.reopenedResolutionDays());
                        event.type = IncidentEventType.REOPENED;
                    }
                    event.status = incident.status;
                    return events.persist(event)
                            .chain(() -> deliver(incident, event.type, request.comment()))
                            .chain(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(() -> citizenViews.myIncidentInSession(caller, incident));
                });
    }

    /**
     * Locks the incident, checks visibility, If-Match and the state machine, applies the change,
     * flushes it and returns the new full view.
     */
    private Uni<StaffIncidentView> act(Caller caller, String number, String ifMatch, IncidentAction action,
            Function<Incident, Uni<?>> change) {
        return incidents.findByNumberForUpdate(number)
                .map(incident -> StaffAccess.visible(caller, incident, number))
                .invoke(incident -> checkPrecondition(incident, ifMatch))
                .invoke(incident -> {
                    if (!action.allowedIn(incident.status)) {
                        throw conflict(incident, caller, "'" + action.path() + "' is not possible while the incident is "
                                + incident.status + ".");
                    }
                })
                .call(change)
                .call(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(incident -> staffViews.detailOf(caller, incident));
    }

    static String entityTag(Incident incident) {
        return "\"" + incident.version + "\"";
    }

    private static void checkPrecondition(Incident incident, String ifMatch) {
        if (EntityTags.ifMatchAccepts(ifMatch, entityTag(incident))) {
            return;
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The incident has changed since you read it (now version " + incident.version + "); reload it and try again.");
    }

    private static ProblemException conflict(Incident incident, Caller caller, String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, List.of(),
                Map.of("incidentStatus", incident.status.name(), "allowedActions", IncidentAction.available(incident, caller.roles())));
    }

    private void respond(Incident incident, Instant now) {
        if (incident.firstRespondedAt == null) {
            incident.firstRespondedAt = now;
        }
    }

    private Uni<IncidentEvent> record(Incident incident, Caller caller, IncidentEventType type, boolean visibleToCitizen,
            String comment) {
        if (type != IncidentEventType.NOTE) {
            incident.updatedAt = clock.instant();
        }
        IncidentEvent event = event(incident, caller.subject(), StaffAccess.roleOf(caller), caller.organization().orElse(null),
                visibleToCitizen, comment);
        event.type = type;
        return events.persist(event).call(saved -> visibleToCitizen ? deliver(incident, type, comment) : Uni.createFrom().voidItem());
    }

    /** The outbox row of a citizen-visible change, in the change's own transaction. */
    private Uni<Void> deliver(Incident incident, IncidentEventType type, String comment) {
        String deliveryType = switch (type) {
            case ACCEPTED -> DeliveryEvent.ACCEPTED;
            case REJECTED -> DeliveryEvent.REJECTED;
            case TRANSFERRED, HANDED_BACK -> DeliveryEvent.ASSIGNED;
            case INTERIM_ANSWER -> DeliveryEvent.INTERIM_ANSWER;
            case ANSWERED -> DeliveryEvent.ANSWERED;
            case REOPENED -> DeliveryEvent.REOPENED;
            case CLOSED, RATED -> incident.status == IncidentStatus.CLOSED ? DeliveryEvent.CLOSED : null;
            default -> null;
        };
        if (deliveryType == null) {
            return Uni.createFrom().voidItem();
        }
        boolean answerLike = type == IncidentEventType.ANSWERED || type == IncidentEventType.INTERIM_ANSWER
                || type == IncidentEventType.REJECTED;
        String status = incident.status == IncidentStatus.DUPLICATE && type == IncidentEventType.ANSWERED
                ? IncidentStatus.ANSWERED.name() : incident.status.name();
        return outbox.enqueue(new DeliveryEvent(deliveryType, incident.id, incident.number, status, incident.channel,
                incident.externalId, incident.socialPlatform == null ? null : incident.socialPlatform.name(),
                incident.categoryCode, incident.organizationCode, answerLike ? comment : null,
                incident.resolution == null ? null : incident.resolution.name(),
                type == IncidentEventType.INTERIM_ANSWER ? incident.interimPlannedDate : null, clock.instant()));
    }

    /** Closes one answered incident nobody contested; false when it changed meanwhile. */
    @WithTransaction
    public Uni<Boolean> closeIfUncontested(long incidentId, Instant answeredBefore) {
        return incidents.find("id", incidentId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(incident -> {
                    if (incident == null || incident.status != IncidentStatus.ANSWERED
                            || !incident.answeredAt.isBefore(answeredBefore)) {
                        return Uni.createFrom().item(false);
                    }
                    Instant now = clock.instant();
                    incident.status = IncidentStatus.CLOSED;
                    incident.closedAt = now;
                    incident.updatedAt = now;
                    IncidentEvent event = event(incident, null, "system", null, true, null);
                    event.type = IncidentEventType.CLOSED;
                    return events.persist(event)
                            .chain(() -> deliver(incident, IncidentEventType.CLOSED, null))
                            .replaceWith(true);
                });
    }

    private Uni<Void> recordEach(List<Incident> duplicates, Caller caller, IncidentEventType type, String comment) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Incident duplicate : duplicates) {
            chain = chain.chain(() -> record(duplicate, caller, type, true, comment)).replaceWithVoid();
        }
        return chain;
    }

    private IncidentEvent event(Incident incident, String actor, String role, String organization, boolean visibleToCitizen,
            String comment) {
        IncidentEvent event = new IncidentEvent();
        event.incidentId = incident.id;
        event.occurredAt = clock.instant();
        event.visibleToCitizen = visibleToCitizen;
        event.actorSubject = actor;
        event.actorRole = role;
        event.actorOrganization = organization;
        event.status = incident.status;
        event.organizationCode = incident.organizationCode;
        event.comment = comment;
        return event;
    }
}
