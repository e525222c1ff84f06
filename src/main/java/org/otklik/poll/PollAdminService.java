package org.otklik.poll;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.StaleStateException;
import org.otklik.common.problem.FieldErrors;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.PollDefinitionValidator;
import org.otklik.poll.definition.PollRequest;
import org.otklik.routing.DistrictView;
import org.otklik.routing.ReferenceDataService;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Poll definitions and their lifecycle: DRAFT → PUBLISHED → CLOSED → ARCHIVED. */
@ApplicationScoped
public class PollAdminService {

    private final PollRepository polls;
    private final ReferenceDataService referenceData;
    private final PollTimes times;

    public PollAdminService(PollRepository polls, ReferenceDataService referenceData, PollTimes times) {
        this.times = times;
        this.polls = polls;
        this.referenceData = referenceData;
    }

    @WithSession
    public Uni<PollAdminPage> list(PollStatus status, String cursor, int limit) {
        KeysetCursor after = cursor == null ? null : PollRepository.decodeCursor(cursor);
        PollTimes.Now now = times.now();
        return polls.listForAdmin(status, after, limit + 1)
                .map(found -> PollAdminPage.of(Page.of(found, limit, p -> KeysetCursor.of(p.createdAt, p.id),
                        p -> PollAdminView.of(p, now))));
    }

    @WithSession
    public Uni<PollAdminView> get(UUID id) {
        return find(id).map(poll -> PollAdminView.of(poll, times.now()));
    }

    @WithTransaction
    public Uni<PollAdminView> create(PollRequest request) {
        return validate(request).chain(definition -> {
            Instant now = times.now().instant();
            Poll poll = new Poll();
            poll.id = UUID.randomUUID();
            poll.status = PollStatus.DRAFT;
            poll.createdAt = now;
            apply(poll, request, definition, now);
            return polls.persist(poll);
        }).map(poll -> PollAdminView.of(poll, times.now()));
    }

    @WithTransaction
    public Uni<PollAdminView> update(UUID id, PollRequest request) {
        return find(id)
                .invoke(poll -> requireDraft(poll, "Only a draft can be edited: the definition of a published poll is frozen."))
                .chain(poll -> validate(request).map(definition -> {
                    apply(poll, request, definition, times.now().instant());
                    return poll;
                }))
                .call(poll -> flushed())
                .map(poll -> PollAdminView.of(poll, times.now()));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return find(id)
                .invoke(poll -> requireDraft(poll, "Only a draft can be deleted; close and archive a published poll."))
                .call(polls::delete)
                .call(poll -> flushed())
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<PollAdminView> publish(UUID id) {
        return change(id, (poll, now) -> {
            requireDraft(poll, "Only a draft can be published.");
            if (!poll.closesAt.isAfter(now)) {
                throw ProblemException.conflict("The poll's closing time has passed; set a later one before publishing.");
            }
            poll.status = PollStatus.PUBLISHED;
            poll.publishedAt = now;
        });
    }

    @WithTransaction
    public Uni<PollAdminView> close(UUID id) {
        return change(id, (poll, now) -> {
            PollState state = poll.stateAt(now);
            if (state != PollState.OPEN && state != PollState.UPCOMING) {
                throw ProblemException.conflict("Only an upcoming or open poll can be closed; this one is " + state + ".");
            }
            poll.status = PollStatus.CLOSED;
            poll.closedAt = now;
        });
    }

    @WithTransaction
    public Uni<PollAdminView> extend(UUID id, ExtensionRequest request) {
        FieldErrors errors = new FieldErrors();
        PollDefinitionValidator.time(request == null ? null : request.closesAt(), "/closesAt", errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(errors.toProblem());
        }
        Instant closesAt = request.closesAt().toInstant();
        return change(id, (poll, now) -> {
            PollState state = poll.stateAt(now);
            if (state != PollState.OPEN && state != PollState.UPCOMING) {
                throw ProblemException.conflict("Only an upcoming or open poll can be extended; this one is " + state
                        + (state == PollState.DRAFT ? " (edit the draft instead)." : "."));
            }
            if (!closesAt.isAfter(poll.closesAt)) {
                throw ProblemException.invalidField("/closesAt", "must be later than the current closing time");
            }
            poll.closesAt = closesAt;
        });
    }

    @WithTransaction
    public Uni<PollAdminView> archive(UUID id) {
        return change(id, (poll, now) -> {
            PollState state = poll.stateAt(now);
            if (state != PollState.CLOSED) {
                throw ProblemException.conflict("Only a closed poll can be archived; this one is " + state + ".");
            }
            poll.status = PollStatus.ARCHIVED;
        });
    }

    private interface Change {
        void apply(Poll poll, Instant now);
    }

    private Uni<PollAdminView> change(UUID id, Change change) {
        return find(id)
                .invoke(poll -> {
                    Instant now = times.now().instant();
                    change.apply(poll, now);
                    poll.updatedAt = now;
                })
                .call(poll -> flushed())
                .map(poll -> PollAdminView.of(poll, times.now()));
    }

    /** Flushes now, so that a concurrent change of the same poll answers 409 rather than failing the commit. */
    private Uni<Void> flushed() {
        return polls.flush().onFailure(PollAdminService::isStale)
                .transform(e -> ProblemException.conflict("The poll was changed at the same time; read it again and retry."));
    }

    private static boolean isStale(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private Uni<Poll> find(UUID id) {
        return polls.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("There is no poll " + id + "."));
    }

    private static void requireDraft(Poll poll, String detail) {
        if (poll.status != PollStatus.DRAFT) {
            throw ProblemException.conflict(detail);
        }
    }

    private Uni<PollDefinition> validate(PollRequest request) {
        return referenceData.districts()
                .map(list -> list.stream().map(DistrictView::code).collect(Collectors.toSet()))
                .map(known -> PollDefinitionValidator.validate(request, Set.copyOf(known)));
    }

    private static void apply(Poll poll, PollRequest request, PollDefinition definition, Instant now) {
        poll.titleRu = definition.title().ru();
        poll.opensAt = request.opensAt().toInstant();
        poll.closesAt = request.closesAt().toInstant();
        poll.eligibleDistricts = definition.eligibility().districts().toArray(String[]::new);
        poll.minAge = definition.eligibility().minAge();
        poll.resultsPolicy = definition.resultsPolicy();
        poll.allowRevote = definition.allowRevote();
        poll.definition = definition.canonicalJson();
        poll.definitionHash = definition.hash();
        poll.updatedAt = now;
    }
}
