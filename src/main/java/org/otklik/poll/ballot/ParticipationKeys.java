package org.otklik.poll.ballot;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.poll.PollsConfig;

/**
 * Keyed hashes of (poll, subject), so that the database can enforce one vote per citizen without
 * storing who voted. The participation key and the revote key use different labels: no column of a
 * ballot equals one of a participation row.
 */
@ApplicationScoped
public class ParticipationKeys {

    static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    public ParticipationKeys(PollsConfig config) {
        byte[] secret = config.participationSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("otklik.polls.participation-secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Unique per citizen and poll: the primary key of poll_participation. */
    public byte[] participation(UUID pollId, String subject) {
        return hmac("participation", pollId, subject);
    }

    /** Finds a citizen's ballot again when a revote replaces it; only stored when the poll allows revotes. */
    public byte[] revote(UUID pollId, String subject) {
        return hmac("revote", pollId, subject);
    }

    /** Names the Idempotency-Key record of a ballot request without storing who sent it. */
    public byte[] idempotencyRecord(UUID pollId, String subject, String idempotencyKey) {
        return hmac("idempotency-record", pollId, subject + '\n' + idempotencyKey);
    }

    /** The AES key that seals a ballot's stored answer: needs the client's Idempotency-Key, which is not stored. */
    public byte[] idempotencySeal(UUID pollId, String subject, String idempotencyKey) {
        return hmac("idempotency-seal", pollId, subject + '\n' + idempotencyKey);
    }

    private byte[] hmac(String label, UUID pollId, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((label + '\n' + pollId + '\n' + subject).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
