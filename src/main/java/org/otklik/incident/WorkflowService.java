package org.otklik.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.web.VersionedResource;
import org.otklik.incident.IncidentRecorder.Actor;
import org.otklik.incident.WorkflowRequests.ModerationDecision;
import org.otklik.incident.queue.StaffIncidentService;
import org.otklik.incident.views.CitizenIncidentService;
import org.otklik.incident.views.MyIncidentView;
import org.otklik.incident.views.StaffIncidentView;
import org.otklik.media.MediaService;
import org.otklik.routing.OrganizationKind;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.RoutingService;
import org.otklik.routing.WorkingCalendar;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The staff actions and the citizen's rating, each one lock–decide–record step in a pool transaction: lock the
 * incident row (so that of two staff acting at once the second sees the first one's result: its action is then
 * illegal, 409, or its If-Match stale, 412), let the {@link Incident} decide and change itself, record the events it
 * returns ({@link IncidentRecorder}) and write back the incidents it changed ({@link IncidentTransaction}). The view
 * returned is read after the commit.
 */
@ApplicationScoped
public class WorkflowService {

    private final IncidentRepository incidents;
    private final IncidentRecorder recorder;
    private final StaffIncidentService staffViews;
    private final CitizenIncidentService citizenViews;
    private final ReferenceCatalog referenceCatalog;
    private final WorkingCalendar calendar;
    private final WorkflowConfig config;
    private final MediaService media;
    private final Clock clock;
    private final IncidentMetrics metrics;
    private final Pool pool;

    public WorkflowService(Pool pool, IncidentRepository incidents, IncidentRecorder recorder, StaffIncidentService staffViews,
            CitizenIncidentService citizenViews, ReferenceCatalog referenceCatalog, WorkingCalendar calendar,
            WorkflowConfig config, MediaService media, Clock clock, IncidentMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
        this.incidents = incidents;
        this.recorder = recorder;
        this.staffViews = staffViews;
        this.citizenViews = citizenViews;
        this.referenceCatalog = referenceCatalog;
        this.calendar = calendar;
        this.config = config;
        this.media = media;
        this.clock = clock;
    }

    public Uni<StaffIncidentView> moderate(Caller caller, String number, String ifMatch, WorkflowRequests.Moderation request) {
        if (request.decision() == ModerationDecision.REJECT && request.reason() == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("/reason", "a rejection needs a reason"));
        }
        return act(caller, number, ifMatch, IncidentAction.MODERATION, (transaction, incident, now) -> one(
                request.decision() == ModerationDecision.ACCEPT ? incident.accept(request.comment(), now)
                        : incident.reject(request.reason().name(), request.comment(), now)));
    }

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
            var organization = reference.organization(target).orElseThrow(
                    () -> ProblemException.invalidField("/organizationCode", "unknown organisation"));
            return act(caller, number, ifMatch, IncidentAction.ASSIGNMENT, (transaction, incident, now) -> one(incident.assignTo(
                    organization.code, organization.kind == OrganizationKind.EXTERNAL, operator, request.reason(), now)));
        });
    }

    public Uni<StaffIncidentView> startWork(Caller caller, String number, String ifMatch) {
        return act(caller, number, ifMatch, IncidentAction.PROGRESS, WorkflowService::startWork);
    }

    /** The start of work in the caller's pool transaction (an Open311 update's); the incident's status after it. */
    public Uni<IncidentStatus> startWork(SqlConnection connection, Caller caller, String number) {
        return change(connection, caller, number, null, IncidentAction.PROGRESS, WorkflowService::startWork)
                .map(incident -> incident.status);
    }

    private static Uni<List<IncidentChange>> startWork(IncidentTransaction transaction, Incident incident, Instant now) {
        return one(incident.startWork(now));
    }

    public Uni<StaffIncidentView> interimAnswer(Caller caller, String number, String ifMatch,
            WorkflowRequests.InterimAnswer request) {
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        if (!request.plannedDate().isAfter(today) || request.plannedDate().isAfter(today.plusDays(config.interimMaxDaysAhead()))) {
            return Uni.createFrom().failure(ProblemException.invalidField("/plannedDate",
                    "must lie after today and at most " + config.interimMaxDaysAhead() + " days ahead"));
        }
        return act(caller, number, ifMatch, IncidentAction.INTERIM_ANSWER, (transaction, incident, now) -> one(incident.giveInterimAnswer(
                request.text(), request.plannedDate(), calendar.endOfWorkingDay(request.plannedDate()), now)));
    }

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
        return act(caller, number, ifMatch, IncidentAction.ANSWER, (transaction, incident, now) -> media.attachToAnswer(
                transaction.connection(), caller, request.mediaIds(), incident.id).chain(() -> {
            List<String> photoLinks = media.signedLinks(request.mediaIds());
            IncidentChange answered = incident.answer(request.text(), request.resolution(), request.redirectedTo(),
                    request.attachments(), now).withPhotoLinks(photoLinks);
            return transaction.duplicatesOf(incident.id).map(duplicates -> {
                List<IncidentChange> changes = new java.util.ArrayList<>();
                changes.add(answered);
                duplicates.forEach(duplicate -> changes.add(duplicate.receiveAnswer(request.text()).withPhotoLinks(photoLinks)));
                return changes;
            });
        }));
    }

    /** Marks a photo of the incident publishable, or withdraws it (operators; recorded in the staff timeline). */
    public Uni<StaffIncidentView> publishPhoto(Caller caller, String number, String ifMatch, UUID mediaId, boolean publishable) {
        return act(caller, number, ifMatch, IncidentAction.PHOTO_PUBLICATION, (transaction, incident, now) -> media
                .setPublishable(transaction.connection(), incident.id, mediaId, publishable)
                .replaceWith(() -> List.of(IncidentChange.of(incident,
                        publishable ? IncidentEventType.PHOTO_PUBLISHED : IncidentEventType.PHOTO_WITHDRAWN, mediaId.toString()))));
    }

    public Uni<StaffIncidentView> merge(Caller caller, String number, String ifMatch, WorkflowRequests.Merge request) {
        return act(caller, number, ifMatch, IncidentAction.MERGE, (transaction, incident, now) -> transaction
                .lockByNumber(request.intoNumber())
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("/intoNumber", "no incident has this number"))
                .chain(target -> target.duplicateOf == null ? Uni.createFrom().item(target)
                        : transaction.byId(target.duplicateOf))
                .map(main -> incident.mergeInto(main, now))
                .call(changes -> transaction.moveDuplicates(incident.id, changes.get(1).incident().id)));
    }

    public Uni<StaffIncidentView> note(Caller caller, String number, String ifMatch, WorkflowRequests.Note request) {
        return act(caller, number, ifMatch, IncidentAction.NOTES, (transaction, incident, now) -> one(incident.note(request.text())));
    }

    /** A staff note in the caller's pool transaction (an Open311 update's); the incident's status after it. */
    public Uni<IncidentStatus> note(SqlConnection connection, Caller caller, String number, WorkflowRequests.Note request) {
        return change(connection, caller, number, null, IncidentAction.NOTES,
                (transaction, incident, now) -> one(incident.note(request.text()))).map(incident -> incident.status);
    }

    public Uni<StaffIncidentView> close(Caller caller, String number, String ifMatch) {
        return act(caller, number, ifMatch, IncidentAction.CLOSE, (transaction, incident, now) -> one(incident.close(now)));
    }

    /** Closes one answered incident nobody contested, in a pool transaction; false when it changed meanwhile. */
    public Uni<Boolean> closeIfUncontested(long incidentId, Instant answeredBefore) {
        return pool.withTransaction(connection -> {
            IncidentTransaction transaction = new IncidentTransaction(connection, incidents);
            return transaction.lockById(incidentId).chain(incident -> {
                if (incident == null || incident.status != IncidentStatus.ANSWERED || !incident.answeredAt.isBefore(answeredBefore)) {
                    return Uni.createFrom().item(false);
                }
                Instant now = clock.instant();
                return recorder.record(connection, Actor.SYSTEM, incident.close(now), now).call(transaction::writeChanged)
                        .replaceWith(true);
            });
        });
    }

    /** The author accepts the answer (closing the incident) or contests it (reopening it with a shorter term). */
    public Uni<MyIncidentView> rate(Caller caller, String number, WorkflowRequests.Rating request) {
        if (!request.accepted() && (request.comment() == null || request.comment().isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalidField("/comment", "say what is wrong with the answer"));
        }
        return pool.withTransaction(connection -> {
            IncidentTransaction transaction = new IncidentTransaction(connection, incidents);
            return transaction.lockByNumber(number)
                    .onItem().transform(incident -> incident != null && caller.subject().equals(incident.authorSubject) ? incident : null)
                    .onItem().ifNull().failWith(() -> ProblemException.notFound("You have no incident numbered " + number + "."))
                    .call(incident -> {
                        Instant now = clock.instant();
                        IncidentChange rated = incident.rate(request.accepted(), request.comment(),
                                Duration.ofDays(config.ratingPeriodDays()),
                                calendar.plusWorkingDays(now, config.reopenedResolutionDays()), now);
                        return recorder.record(connection, Actor.citizen(caller), rated, now).call(transaction::writeChanged);
                    });
        }).chain(incident -> Panache.withSession(() -> citizenViews.myIncidentInSession(caller, incident)));
    }

    /** A staff action's decision: the incident changes itself and returns the events to record. */
    @FunctionalInterface
    private interface Decision {
        Uni<List<IncidentChange>> apply(IncidentTransaction transaction, Incident incident, Instant now);
    }

    private static Uni<List<IncidentChange>> one(IncidentChange change) {
        return Uni.createFrom().item(List.of(change));
    }

    /** In a pool transaction of its own: {@link #change}, then the new full view, read after the commit. */
    private Uni<StaffIncidentView> act(Caller caller, String number, String ifMatch, IncidentAction action, Decision decision) {
        return pool.withTransaction(connection -> change(connection, caller, number, ifMatch, action, decision))
                .chain(incident -> Panache.withSession(() -> staffViews.detailOf(caller, incident)));
    }

    /**
     * Locks the incident, checks visibility, If-Match and the action's status and role rule, lets the incident
     * decide, records its events and writes back what changed, all in the pool transaction {@code connection}.
     */
    private Uni<Incident> change(SqlConnection connection, Caller caller, String number, String ifMatch,
            IncidentAction action, Decision decision) {
        IncidentTransaction transaction = new IncidentTransaction(connection, incidents);
        return transaction.lockByNumber(number)
                .map(incident -> StaffAccess.visible(caller, incident, number))
                .invoke(incident -> VersionedResource.INCIDENT.check(incident.version, ifMatch))
                .invoke(incident -> {
                    if (!action.allowedIn(incident.status)) {
                        throw conflict(incident, caller, "'" + action.path() + "' is not possible while the incident is "
                                + incident.status + ".");
                    }
                })
                .call(incident -> {
                    Instant now = clock.instant();
                    Instant respondedBefore = incident.firstRespondedAt;
                    Instant answeredBefore = incident.answeredAt;
                    return Uni.createFrom().deferred(() -> decision.apply(transaction, incident, now))
                            .chain(changes -> recorder.recordAll(connection, Actor.staff(caller), changes, now))
                            .onFailure(IncidentConflict.class).transform(conflict -> conflict(incident, caller, conflict.getMessage()))
                            .call(transaction::writeChanged)
                            .invoke(() -> measureAnswerTimes(incident, respondedBefore, answeredBefore));
                });
    }

    private void measureAnswerTimes(Incident incident, Instant respondedBefore, Instant answeredBefore) {
        if (respondedBefore == null && incident.firstRespondedAt != null) {
            metrics.firstResponse(Duration.between(incident.createdAt, incident.firstRespondedAt));
        }
        if (incident.answeredAt != null && !incident.answeredAt.equals(answeredBefore)) {
            metrics.answered(Duration.between(incident.createdAt, incident.answeredAt));
        }
    }

    private static ProblemException conflict(Incident incident, Caller caller, String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, List.of(),
                Map.of("incidentStatus", incident.status.name(), "allowedActions", IncidentAction.available(incident, caller.roles())));
    }
}
