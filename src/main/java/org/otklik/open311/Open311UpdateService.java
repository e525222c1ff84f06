package org.otklik.open311;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.incident.IncidentEventType;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.WorkflowRequests;
import org.otklik.incident.WorkflowService;
import org.otklik.open311.Open311Form.PostedUpdate;
import org.otklik.open311.Open311Parameters.UpdatesPage;
import org.otklik.open311.Open311Repository.Client;
import org.otklik.open311.Open311Views.Update;
import org.otklik.open311.Open311Views.UpdateAccepted;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The mySociety update extension: the public updates of requests, and the progress back offices post. */
@ApplicationScoped
public class Open311UpdateService {

    private final Open311Repository repository;
    private final Open311Clients clients;
    private final WorkflowService workflow;
    private final Open311Times times;
    private final Clock clock;
    private final Pool pool;

    public Open311UpdateService(Open311Repository repository, Open311Clients clients, WorkflowService workflow,
            Open311Times times, Clock clock, Pool pool) {
        this.pool = pool;
        this.repository = repository;
        this.clients = clients;
        this.workflow = workflow;
        this.times = times;
        this.clock = clock;
    }

    /** Public timeline entries; a client calling with its key reads the answers to the requests it submitted. */
    @WithSession
    public Uni<List<Update>> updates(String apiKey, UpdatesPage page) {
        return clients.optional(apiKey, RateLimitGroup.LOOKUPS)
                .chain(client -> repository.publicEvents(null, Optional.of(page.from()), Optional.of(page.to()),
                        client.map(Open311Clients::subjectOf).orElse(null), false, page.offset(), page.limit()))
                .map(events -> events.stream().map(event -> {
                    String status = StatusMapping.afterEvent(event.type(), event.status(), event.resolution());
                    boolean answerForSubmitter = event.submittedByCaller()
                            && IncidentEventType.valueOf(event.type()).answerLike() && event.comment() != null;
                    return new Update(String.valueOf(event.id()), event.number(), status, times.format(event.occurredAt()),
                            answerForSubmitter ? event.comment() : StatusMapping.phrase(status), null);
                }).toList());
    }

    /**
     * A back office reports progress. The update becomes a staff note on the incident (status and
     * description), and a status meaning that work started moves an assigned or reopened incident
     * to IN_PROGRESS. Answers and closing stay with staff. A repeated update_id changes nothing. The claim of the
     * update_id, the note and the start of work are one pool transaction.
     */
    public Uni<List<UpdateAccepted>> postUpdate(Open311Form form) {
        return clients.authenticated(form.first("api_key"), RateLimitGroup.SUBMISSIONS).chain(client -> {
            if (client.organizationCode() == null) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "api_key: this key does not belong to an organisation's back office, which alone may post updates.");
            }
            PostedUpdate update = form.update();
            Caller caller = Open311Clients.callerOf(client, Set.of(Roles.EXECUTOR));
            List<UpdateAccepted> accepted = List.of(new UpdateAccepted(update.updateId()));
            return pool.withTransaction(connection -> repository.incidentIdOf(connection, update.number())
                    .map(id -> id.orElseThrow(() -> ProblemException.notFound(
                            "service_request_id: there is no request " + update.number() + ".")))
                    .chain(incidentId -> repository.claimUpdate(connection, client.id(), update.updateId(), incidentId,
                            update.status(), update.description(), update.updatedAt(), clock.instant()))
                    .chain(first -> !first ? Uni.createFrom().item(accepted)
                            : workflow.note(connection, caller, update.number(), new WorkflowRequests.Note(noteText(client, update)))
                                    .chain(status -> StatusMapping.WORK_STARTED.contains(update.status())
                                            && (status == IncidentStatus.ASSIGNED || status == IncidentStatus.REOPENED)
                                                    ? workflow.startWork(connection, caller, update.number()).replaceWith(accepted)
                                                    : Uni.createFrom().item(accepted))));
        });
    }

    private String noteText(Client client, PostedUpdate update) {
        return "Обновление из системы «" + client.name() + "» (update_id " + update.updateId() + ", "
                + times.format(update.updatedAt()) + "): " + update.status()
                + (update.description() == null ? "" : ". " + update.description());
    }
}
