package org.otklik.media;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's own time-limited links to a photo (the PostgreSQL store has no presigned URLs): the query
 * carries the expiry and an HMAC-SHA256 of photo, variant and expiry under {@code otklik.media.link-secret}.
 */
final class SignedLinks {

    private final byte[] secret;

    SignedLinks(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String signature(UUID id, String variant, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + ":" + variant + ":" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid signature whose expiry has not passed. */
    boolean valid(UUID id, String variant, Long expires, String signature, Instant now) {
        if (expires == null || signature == null || now.getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(signature(id, variant, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
