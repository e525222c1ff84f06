package org.otklik.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures in the Standard Webhooks format (https://www.standardwebhooks.com): {@code v1,} followed by
 * the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the base64-decoded part of a
 * {@code whsec_} secret.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION_PREFIX = "v1,";
    private static final String HMAC = "HmacSHA256";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** @throws IllegalArgumentException when the secret is not {@code whsec_} followed by base64 */
    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(hmac(key(secret), messageId, timestampSeconds, body));
    }

    /** The value of {@code webhook-signature}: one signature per secret, so a rotating receiver accepts either. */
    public static String signatureHeader(List<String> secrets, String messageId, long timestampSeconds, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign");
        }
        return secrets.stream()
                .map(secret -> sign(secret, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    /** True when any {@code v1} signature in the header was made with this secret over exactly these values. */
    public static boolean verify(String secret, String messageId, long timestampSeconds, String body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = hmac(key(secret), messageId, timestampSeconds, body);
        boolean matched = false;
        for (String candidate : header.trim().split(" +")) {
            if (!candidate.startsWith(VERSION_PREFIX)) {
                continue;
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(candidate.substring(VERSION_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            // no early exit: the time taken does not tell which signature matched
            matched |= MessageDigest.isEqual(expected, presented);
        }
        return matched;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret must be base64 after " + SECRET_PREFIX, e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
