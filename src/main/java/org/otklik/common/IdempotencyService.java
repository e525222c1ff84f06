package org.otklik.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The plain {@link IdempotencyStore}: responses kept in the clear in {@code idempotency_record}
 * ({@link IdempotencyRepository}). In
 * the transaction of the action: an advisory lock on (caller, key) makes concurrent requests with one
 * key wait for the first, which then finds the stored response and replays it. A key reused with
 * another body is refused (422).
 */
@ApplicationScoped
public class IdempotencyService implements IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);
    private static final Duration RETENTION = Duration.ofHours(24);

    private final IdempotencyRepository records;
    private final Pool pool;
    private final ObjectMapper objectMapper;
    private final ScheduledJobs jobs;
    private final Duration cleanupInterval;
    private final Clock clock;

    public IdempotencyService(IdempotencyRepository records, Pool pool, ObjectMapper objectMapper, ScheduledJobs jobs,
            @ConfigProperty(name = "otklik.idempotency.cleanup-interval", defaultValue = "1h") Duration cleanupInterval,
            Clock clock) {
        this.records = records;
        this.pool = pool;
        this.objectMapper = objectMapper;
        this.jobs = jobs;
        this.cleanupInterval = cleanupInterval;
        this.clock = clock;
    }

    /** Opens a transaction, or joins the caller's, and keeps the response in it. */
    @Override
    public Uni<StoredResponse> once(IdempotentRequest request, Supplier<Uni<StoredResponse>> action) {
        if (!request.hasKey()) {
            return action.get();
        }
        return Panache.withTransaction(() -> once(request, new Statements(
                () -> Panache.getSession().chain(session -> AdvisoryLockRepository.lock(session, "idempotency", request.caller(),
                        request.key())),
                () -> records.find(request.caller(), request.key()),
                (hash, response) -> records.insert(request, hash, response, now())), action));
    }

    /**
     * The same for an action that writes through the pool: one pool transaction holds the lock, the action's
     * writes and the kept response, so that neither commits without the other.
     */
    public Uni<StoredResponse> onceInPoolTransaction(IdempotentRequest request,
            Function<SqlConnection, Uni<StoredResponse>> action) {
        if (!request.hasKey()) {
            return pool.withTransaction(action);
        }
        return pool.withTransaction(transaction -> once(request, new Statements(
                () -> AdvisoryLockRepository.lock(transaction, "idempotency", request.caller(), request.key()),
                () -> records.find(transaction, request.caller(), request.key()),
                (hash, response) -> records.insert(transaction, request, hash, response, now())),
                () -> action.apply(transaction)));
    }

    /** The statements on the caller's key, in the transaction of the action: the session's or a pool transaction's. */
    private record Statements(Supplier<Uni<Void>> lock, Supplier<Uni<Optional<IdempotencyRepository.Recorded>>> find,
            BiFunction<String, StoredResponse, Uni<Void>> keep) {
    }

    /** Waits for the key, then replays its first response, or runs the action and keeps its response. */
    private Uni<StoredResponse> once(IdempotentRequest request, Statements statements,
            Supplier<Uni<StoredResponse>> action) {
        String requestHash = fingerprint(request.operation(), request.body());
        return statements.lock().get()
                .chain(() -> statements.find().get())
                .chain(found -> found.isEmpty()
                        ? action.get().call(response -> statements.keep().apply(requestHash, response))
                        : Uni.createFrom().item(replay(found.get(), requestHash)));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** 422: the key was used before with another request. */
    public static ProblemException usedWithAnotherRequest() {
        return new ProblemException(ProblemType.UNPROCESSABLE,
                "This Idempotency-Key was already used with a different request.",
                List.of(Problem.FieldError.atParameter(HEADER, "already used with a different request")),
                java.util.Map.of());
    }

    private static StoredResponse replay(IdempotencyRepository.Recorded recorded, String requestHash) {
        if (!requestHash.equals(recorded.requestHash())) {
            throw usedWithAnotherRequest();
        }
        return recorded.response();
    }

    private String fingerprint(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(objectMapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }

    /** Once per interval across all instances ({@link ScheduledJobs}). */
    @Scheduled(every = "${otklik.idempotency.cleanup-interval:1h}", delayed = "${otklik.idempotency.cleanup-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return jobs.once("idempotency-cleanup", cleanupInterval, () -> Panache.withTransaction(() -> records
                .deleteCreatedBefore(OffsetDateTime.now(clock).minus(RETENTION).withOffsetSameInstant(ZoneOffset.UTC))
                .invoke(deleted -> LOG.debugf("forgot %d expired idempotency records", deleted))))
                .replaceWithVoid();
    }
}
