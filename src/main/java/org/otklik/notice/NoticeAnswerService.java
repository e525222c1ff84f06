package org.otklik.notice;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.web.VersionedResource;
import org.otklik.incident.WorkflowRequests;
import org.otklik.incident.WorkflowService;
import org.otklik.notice.NoticeViews.AnswerOutcome;
import org.otklik.notice.NoticeViews.AnswerResult;
import org.otklik.notice.NoticeViews.Outcome;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Answers every open incident linked to a notice through the ordinary workflow, one incident per transaction:
 * each gets its answer on its own channel through the outbox. The version of each incident is read first and
 * sent as its If-Match, so an incident that moved on meanwhile (answered by someone else, or by a concurrent
 * mass answer) is reported and left alone: calling twice, or twice at once, answers each incident once.
 */
@ApplicationScoped
public class NoticeAnswerService {

    /** A notice covers one burst of messages; more than this many open ones are answered in further calls. */
    static final int MAX_PER_CALL = 2000;

    private final NoticeRepository notices;
    private final WorkflowService workflow;

    public NoticeAnswerService(NoticeRepository notices, WorkflowService workflow) {
        this.notices = notices;
        this.workflow = workflow;
    }

    private record Target(String number, int version) {
    }

    public Uni<AnswerResult> answerAll(Caller caller, long id, WorkflowRequests.Answer request) {
        if (!caller.hasRole(Roles.OPERATOR) && !caller.hasRole(Roles.EXECUTOR)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "Incidents are answered by operators and executors."));
        }
        if (request.mediaIds() != null && !request.mediaIds().isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalidField("/mediaIds",
                    "a photo goes with one answer only: attach photos when answering an incident itself"));
        }
        Optional<String> confined = NoticeAccess.confinedOrganization(caller);
        return Panache.withSession(() -> notices.findById(id)
                .map(notice -> NoticeAccess.visible(caller, notice, id))
                .invoke(notice -> {
                    if (notice.status == NoticeStatus.DRAFT) {
                        throw ProblemException.conflict("A draft has no linked incidents; publish it first.");
                    }
                })
                .chain(notice -> notices.linkedIncidents(id, confined, true, MAX_PER_CALL))
                .map(rows -> rows.stream().map(row -> new Target(row.number(), row.version())).toList()))
                .chain(targets -> Multi.createFrom().iterable(targets)
                        .onItem().transformToUniAndConcatenate(target -> answerOne(caller, target, request))
                        .collect().asList()
                        .map(outcomes -> new AnswerResult(id, outcomes.size(),
                                (int) outcomes.stream().filter(o -> o.outcome() == Outcome.ANSWERED).count(), outcomes)));
    }

    /** In a session and transaction of its own, outside the one that listed the targets. */
    private Uni<AnswerOutcome> answerOne(Caller caller, Target target, WorkflowRequests.Answer request) {
        return workflow.answer(caller, target.number(), VersionedResource.tag(target.version()), request)
                .map(done -> new AnswerOutcome(target.number(), Outcome.ANSWERED, null))
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    ProblemException problem = (ProblemException) failure;
                    Outcome outcome;
                    if (problem.kind() == ProblemType.PRECONDITION_FAILED) {
                        outcome = Outcome.CHANGED;
                    } else if (problem.kind() == ProblemType.NOT_FOUND) {
                        outcome = Outcome.NOT_VISIBLE;
                    } else if (problem.kind() == ProblemType.CONFLICT) {
                        outcome = Outcome.NOT_ANSWERABLE;
                    } else {
                        throw problem;
                    }
                    return new AnswerOutcome(target.number(), outcome, problem.getMessage());
                });
    }
}
