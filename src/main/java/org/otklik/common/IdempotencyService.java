package org.otklik.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} for POSTs that create things. Runs inside the caller's transaction: an
 * advisory lock on (caller, key) makes concurrent requests with one key wait for the first, which
 * then finds the stored response and replays it. A key reused with another body is refused (422).
 */
@ApplicationScoped
public class IdempotencyService {

    public static final String HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Duration RETENTION = Duration.ofHours(24);

    private final ObjectMapper objectMapper;
    private final ScheduledJobs jobs;
    private final Duration cleanupInterval;
    private final Clock clock;

    public IdempotencyService(ObjectMapper objectMapper, ScheduledJobs jobs,
            @ConfigProperty(name = "otklik.idempotency.cleanup-interval", defaultValue = "1h") Duration cleanupInterval,
            Clock clock) {
        this.objectMapper = objectMapper;
        this.jobs = jobs;
        this.cleanupInterval = cleanupInterval;
        this.clock = clock;
    }

    /** @throws ProblemException 400 when the header value is not a usable key */
    public static void requireValidKey(String key) {
        if (key != null && !VALID_KEY.matcher(key).matches()) {
            throw ProblemException.badParameter(HEADER, "must be 1 to 255 visible ASCII characters");
        }
    }

    public Uni<StoredResponse> once(String caller, String key, String operation, Object request,
            Supplier<Uni<StoredResponse>> action) {
        if (key == null) {
            return action.get();
        }
        requireValidKey(key);
        String requestHash = fingerprint(operation, request);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
                        .setParameter("k", "idempotency\n" + caller + "\n" + key)
                        .getSingleResult()
                        .chain(locked -> session.createNativeQuery(
                                "select request_hash, response_status, response_body, location from idempotency_record"
                                        + " where caller = :caller and idempotency_key = :key",
                                Object[].class)
                                .setParameter("caller", caller)
                                .setParameter("key", key)
                                .getResultList())
                        .chain(found -> found.isEmpty()
                                ? action.get().call(response -> session.createNativeQuery(
                                        "insert into idempotency_record (caller, idempotency_key, operation, request_hash,"
                                                + " response_status, response_body, location, created_at)"
                                                + " values (:caller, :key, :operation, :hash, :status, :body, :location, :at)")
                                        .setParameter("caller", caller)
                                        .setParameter("key", key)
                                        .setParameter("operation", operation)
                                        .setParameter("hash", requestHash)
                                        .setParameter("status", response.status())
                                        .setParameter("body", response.body())
                                        .setParameter("location", response.location())
                                        .setParameter("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                                        .executeUpdate())
                                : Uni.createFrom().item(replay(found.get(0), requestHash))));
    }

    /**
     * For actions that must not run inside one long transaction (a vote is written in several short
     * ones): the key is claimed first in a transaction of its own, as a pending record. A concurrent
     * request with the same key then gets 409 until the first completes; a failed action releases
     * the key so that the client may retry.
     */
    public Uni<StoredResponse> onceInShortTransactions(String caller, String key, String operation, Object request,
            Supplier<Uni<StoredResponse>> action) {
        if (key == null) {
            return action.get();
        }
        requireValidKey(key);
        String requestHash = fingerprint(operation, request);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into idempotency_record (caller, idempotency_key, operation, request_hash, response_status,"
                        + " response_body, location, created_at) values (:caller, :key, :operation, :hash, 0, '', null, :at)"
                        + " on conflict do nothing")
                .setParameter("caller", caller)
                .setParameter("key", key)
                .setParameter("operation", operation)
                .setParameter("hash", requestHash)
                .setParameter("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .executeUpdate()
                .chain(claimed -> claimed == 1 ? Uni.createFrom().<Object[]> nullItem()
                        : session.createNativeQuery("select request_hash, response_status, response_body, location"
                                + " from idempotency_record where caller = :caller and idempotency_key = :key", Object[].class)
                                .setParameter("caller", caller)
                                .setParameter("key", key)
                                .getSingleResult())))
                .chain(existing -> {
                    if (existing != null) {
                        if (((Number) existing[1]).intValue() == 0 && requestHash.equals(existing[0])) {
                            return Uni.createFrom().failure(ProblemException.conflict(
                                    "A request with this Idempotency-Key is still being processed; retry shortly."));
                        }
                        return Uni.createFrom().item(replay(existing, requestHash));
                    }
                    return action.get()
                            .call(response -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                                    .createNativeQuery("update idempotency_record set response_status = :status,"
                                            + " response_body = :body, location = :location"
                                            + " where caller = :caller and idempotency_key = :key")
                                    .setParameter("status", response.status())
                                    .setParameter("body", response.body())
                                    .setParameter("location", response.location())
                                    .setParameter("caller", caller)
                                    .setParameter("key", key)
                                    .executeUpdate())))
                            .onFailure().call(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                                    .createNativeQuery("delete from idempotency_record where caller = :caller"
                                            + " and idempotency_key = :key and response_status = 0")
                                    .setParameter("caller", caller)
                                    .setParameter("key", key)
                                    .executeUpdate())));
                });
    }

    private static StoredResponse replay(Object[] row, String requestHash) {
        if (!requestHash.equals(row[0])) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "This Idempotency-Key was already used with a different request.",
                    List.of(Problem.FieldError.atParameter(HEADER, "already used with a different request")),
                    java.util.Map.of());
        }
        return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
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
        return jobs.once("idempotency-cleanup", cleanupInterval, () -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from idempotency_record where created_at < :before")
                        .setParameter("before", OffsetDateTime.now(clock).minus(RETENTION).withOffsetSameInstant(ZoneOffset.UTC))
                        .executeUpdate())
                .invoke(deleted -> LOG.debugf("forgot %d expired idempotency records", deleted))))
                .replaceWithVoid();
    }
}
