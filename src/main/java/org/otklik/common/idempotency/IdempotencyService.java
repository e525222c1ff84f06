package org.otklik.common.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;
import org.otklik.common.jobs.ScheduledJobs;
import org.otklik.common.problem.Problem;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The {@code Idempotency-Key} mechanism of {@link IdempotencyStore} for actions that write through the pool:
 * responses kept in the clear in {@code idempotency_record} ({@link IdempotencyRepository}). In
 * the pool transaction of the action: an advisory lock on (caller, key) makes concurrent requests with one
 * key wait for the first, which then finds the stored response and replays it. A key reused with
 * another body is refused (422).
 */
@ApplicationScoped
public class IdempotencyService {

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

    /**
     * Runs an action that writes through the pool at most once per (caller, operation, key): one pool transaction
     * holds the advisory lock on (caller, key), the action's writes and the kept response, so that neither commits
     * without the other. Without a key the action just runs in its transaction.
     */
    public Uni<StoredResponse> onceInPoolTransaction(IdempotentRequest request,
            Function<SqlConnection, Uni<StoredResponse>> action) {
        if (!request.hasKey()) {
            return pool.withTransaction(action);
        }
        return pool.withTransaction(transaction -> {
            String requestHash = fingerprint(request.operation(), request.body());
            return AdvisoryLockRepository.lock(transaction, "idempotency", request.caller(), request.key())
                    .chain(() -> records.find(transaction, request.caller(), request.key()))
                    .chain(found -> found.isEmpty()
                            ? action.apply(transaction).call(response -> records.insert(transaction, request, requestHash,
                                    response, now()))
                            : Uni.createFrom().item(replay(found.get(), requestHash)));
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** 422: the key was used before with another request. */
    public static ProblemException usedWithAnotherRequest() {
        return new ProblemException(ProblemType.UNPROCESSABLE,
                "This Idempotency-Key was already used with a different request.",
                List.of(Problem.FieldError.atParameter(IdempotencyStore.HEADER, "already used with a different request")),
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
        return jobs.once("idempotency-cleanup", cleanupInterval, () -> records
                .deleteCreatedBefore(OffsetDateTime.now(clock).minus(RETENTION).withOffsetSameInstant(ZoneOffset.UTC))
                .invoke(deleted -> LOG.debugf("forgot %d expired idempotency records", deleted)))
                .replaceWithVoid();
    }
}
