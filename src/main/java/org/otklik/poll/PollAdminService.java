package org.otklik.poll;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.FieldErrors;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.PollDefinitionValidator;
import org.otklik.poll.definition.PollRequest;
import org.otklik.routing.DistrictView;
import org.otklik.routing.ReferenceDataService;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Poll definitions and their lifecycle: DRAFT → PUBLISHED → CLOSED → ARCHIVED. Each change runs in a pool
 * transaction (the table's one kind, the opening's too); the lists and pages are read in a session.
 */
@ApplicationScoped
public class PollAdminService {

    private final PollRepository polls;
    private final ReferenceDataService referenceData;
    private final PollTimes times;
    private final Pool pool;

    public PollAdminService(PollRepository polls, ReferenceDataService referenceData, PollTimes times, Pool pool) {
        this.times = times;
        this.pool = pool;
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

    public Uni<PollAdminView> create(PollRequest request) {
        return knownDistricts().chain(known -> {
            PollDefinition definition = PollDefinitionValidator.validate(request, known);
            Instant now = times.now().instant();
            Poll poll = new Poll();
            poll.id = UUID.randomUUID();
            poll.status = PollStatus.DRAFT;
            poll.createdAt = now;
            apply(poll, request, definition, now);
            return pool.withTransaction(transaction -> polls.insert(transaction, poll)).replaceWith(poll);
        }).map(poll -> PollAdminView.of(poll, times.now()));
    }

    public Uni<PollAdminView> update(UUID id, PollRequest request) {
        return knownDistricts().chain(known -> change(id, (poll, now) -> {
            requireDraft(poll, "Only a draft can be edited: the definition of a published poll is frozen.");
            apply(poll, request, PollDefinitionValidator.validate(request, known), now);
        }));
    }

    public Uni<Void> delete(UUID id) {
        return pool.withTransaction(transaction -> read(transaction, id)
                .invoke(poll -> requireDraft(poll, "Only a draft can be deleted; close and archive a published poll."))
                .chain(poll -> polls.delete(transaction, poll))
                .invoke(PollAdminService::requireUnchanged))
                .replaceWithVoid();
    }

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

    /**
     * Reads the poll in a pool transaction, applies the change and writes it back if no one changed it meanwhile
     * (the version check the entity's {@code @Version} made): of two concurrent changes the second answers 409.
     */
    private Uni<PollAdminView> change(UUID id, Change change) {
        return pool.withTransaction(transaction -> read(transaction, id)
                .invoke(poll -> {
                    Instant now = times.now().instant();
                    change.apply(poll, now);
                    poll.updatedAt = now;
                })
                .call(poll -> polls.update(transaction, poll).invoke(PollAdminService::requireUnchanged)))
                .map(poll -> PollAdminView.of(poll, times.now()));
    }

    private static void requireUnchanged(boolean written) {
        if (!written) {
            throw ProblemException.conflict("The poll was changed at the same time; read it again and retry.");
        }
    }

    private Uni<Poll> read(SqlConnection transaction, UUID id) {
        return polls.readForChange(transaction, id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<Poll> find(UUID id) {
        return polls.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("There is no poll " + id + ".");
    }

    private static void requireDraft(Poll poll, String detail) {
        if (poll.status != PollStatus.DRAFT) {
            throw ProblemException.conflict(detail);
        }
    }

    private Uni<Set<String>> knownDistricts() {
        return Panache.withSession(referenceData::districts)
                .map(list -> list.stream().map(DistrictView::code).collect(Collectors.toUnmodifiableSet()));
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
