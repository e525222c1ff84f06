package org.otklik.poll.ballot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.idempotency.IdempotencyService;
import org.otklik.common.idempotency.IdempotencyStore;
import org.otklik.common.idempotency.IdempotentRequest;
import org.otklik.common.idempotency.StoredResponse;
import org.otklik.common.problem.ProblemException;
import org.otklik.poll.BallotRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * {@code Idempotency-Key} for ballots, storing no voter trace: the record is named by an HMAC of
 * (subject, poll, key) under the server secret, and the answer (which holds the receipt) is sealed with
 * AES-256-GCM under a key derived from the secret, the subject and the client's key; the client's key
 * itself is never stored. A request with a key in use gets 409 until the first one is answered; the
 * key with another ballot gets 422; a vote that fails frees the key.
 */
@ApplicationScoped
public class BallotIdempotency implements IdempotencyStore {

    private static final String OPERATION = "cast-ballot ";

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BallotIdempotencyRepository records;
    private final ParticipationKeys keys;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    public BallotIdempotency(BallotIdempotencyRepository records, ParticipationKeys keys, ObjectMapper objectMapper,
            Clock clock) {
        this.records = records;
        this.keys = keys;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** A ballot for one poll: keys are scoped to the voter and the poll. */
    public static IdempotentRequest ballot(String subject, UUID pollId, String idempotencyKey, BallotRequest ballot) {
        return new IdempotentRequest(subject, OPERATION + pollId, idempotencyKey, ballot);
    }

    /** Takes only requests made by {@link #ballot}. */
    @Override
    public Uni<StoredResponse> once(IdempotentRequest request, Supplier<Uni<StoredResponse>> action) {
        if (!request.hasKey()) {
            return action.get();
        }
        UUID pollId = UUID.fromString(request.operation().substring(OPERATION.length()));
        String subject = request.caller();
        String idempotencyKey = request.key();
        byte[] record = keys.idempotencyRecord(pollId, subject, idempotencyKey);
        byte[] sealKey = keys.idempotencySeal(pollId, subject, idempotencyKey);
        byte[] requestMac = mac(sealKey, (BallotRequest) request.body());
        OffsetDateTime hour = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        return records.claim(record, requestMac, hour)
                .chain(claimed -> claimed ? run(record, sealKey, action)
                        : records.find(record).map(stored -> replay(stored, record, sealKey, requestMac)));
    }

    private Uni<StoredResponse> run(byte[] record, byte[] sealKey, Supplier<Uni<StoredResponse>> action) {
        return Uni.createFrom().deferred(action::get)
                .call(response -> records.seal(record, seal(sealKey, record, response)))
                .onFailure().call(() -> records.release(record)
                        // the vote's own failure (e.g. 503 of its batch) is what the client must see
                        .onFailure().recoverWithNull());
    }

    private static StoredResponse replay(BallotIdempotencyRepository.Stored stored, byte[] record, byte[] sealKey,
            byte[] requestMac) {
        if (stored == null || stored.sealed() == null) {
            if (stored != null && !MessageDigest.isEqual(requestMac, stored.requestMac())) {
                throw IdempotencyService.usedWithAnotherRequest();
            }
            throw ProblemException.conflict("A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        if (!MessageDigest.isEqual(requestMac, stored.requestMac())) {
            throw IdempotencyService.usedWithAnotherRequest();
        }
        return open(sealKey, record, stored.sealed());
    }

    private byte[] mac(byte[] key, BallotRequest request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update("ballot-request\n".getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(objectMapper.writeValueAsBytes(request));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot authenticate a ballot request", e);
        }
    }

    /** nonce, then AES-GCM of (status, location, body), bound to the record it is stored in. */
    static byte[] seal(byte[] key, byte[] record, StoredResponse response) {
        byte[] location = response.location() == null ? new byte[0] : response.location().getBytes(StandardCharsets.UTF_8);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(4 + 4 + location.length + body.length)
                .putInt(response.status()).putInt(response.location() == null ? -1 : location.length).put(location).put(body);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(record);
            byte[] sealed = cipher.doFinal(plain.array());
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an answer", e);
        }
    }

    static StoredResponse open(byte[] key, byte[] record, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE_BYTES)));
            cipher.updateAAD(record);
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
            int status = plain.getInt();
            int locationLength = plain.getInt();
            String location = null;
            if (locationLength >= 0) {
                byte[] bytes = new byte[locationLength];
                plain.get(bytes);
                location = new String(bytes, StandardCharsets.UTF_8);
            }
            byte[] body = new byte[plain.remaining()];
            plain.get(body);
            return new StoredResponse(status, new String(body, StandardCharsets.UTF_8), location);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored ballot answer does not open with its key", e);
        }
    }

    @Scheduled(identity = "poll-idempotency-expiry", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpired() {
        return records.deleteCreatedBefore(OffsetDateTime.now(clock).minus(RETENTION).withOffsetSameInstant(ZoneOffset.UTC));
    }
}
