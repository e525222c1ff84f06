package org.otklik.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe tokens: the mail list a mail belongs to, signed, so that the link works without a login
 * and cannot be forged for another list. The token names a list, never an address: {@code i:<incident id>}
 * (the mails about one message), {@code n:<subscriber id>} (notices mailed at once), {@code d:<subscriber id>}
 * (the daily digest).
 */
public final class UnsubscribeTokens {

    /** The form of a token in a URL: base64url list, a dot, base64url signature. */
    public static final String TOKEN_PATTERN = "^[A-Za-z0-9_-]{4,80}\\.[A-Za-z0-9_-]{22}$";

    private static final Pattern CONFIRMATION = Pattern.compile("^c:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final String UNSUBSCRIBE = "otklik-unsubscribe:";
    private static final String CONFIRM = "otklik-confirm:";
    private static final Pattern LIST = Pattern.compile("^(i:[0-9]{1,18}|s:[0-9]{1,18}:[0-9a-f]{16}|[nd]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 16;

    private final SecretKeySpec key;

    public UnsubscribeTokens(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("otklik.notify.unsubscribe-secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A key of its own for unsubscribe links, derived from another secret (HMAC with a fixed label), never that secret itself. */
    public static String derivedKey(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal("otklik.notify.unsubscribe-secret".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static String incidentList(long incidentId) {
        return "i:" + incidentId;
    }

    /** One supporter's mails about one incident: the subject is hashed, the list is written in links and rows. */
    public static String supporterList(long incidentId, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "s:" + incidentId + ":" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static String immediateNoticesList(UUID subscriberId) {
        return "n:" + subscriberId;
    }

    public static String digestList(UUID subscriberId) {
        return "d:" + subscriberId;
    }

    public String sign(String list) {
        if (!LIST.matcher(list).matches()) {
            throw new IllegalArgumentException("not a mail list: " + list);
        }
        return signed(UNSUBSCRIBE, list);
    }

    /** The list a token names, if its signature is ours. */
    public Optional<String> verify(String token) {
        return verified(UNSUBSCRIBE, LIST, token);
    }

    /**
     * The token of a confirmation link (double opt-in): the confirmation's id, signed under a label of its own, so
     * that an unsubscribe token never confirms and a confirmation token never unsubscribes.
     */
    public String signConfirmation(UUID confirmation) {
        return signed(CONFIRM, "c:" + confirmation);
    }

    /** The confirmation a token names, if its signature is ours. */
    public Optional<UUID> verifyConfirmation(String token) {
        return verified(CONFIRM, CONFIRMATION, token).map(value -> UUID.fromString(value.substring(2)));
    }

    private String signed(String label, String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.US_ASCII)) + "." + ENCODER.encodeToString(signature(label, value));
    }

    private Optional<String> verified(String label, Pattern form, String token) {
        if (token == null || !token.matches(TOKEN_PATTERN)) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        String list;
        byte[] given;
        try {
            list = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!form.matcher(list).matches() || !MessageDigest.isEqual(signature(label, list), given)) {
            return Optional.empty();
        }
        return Optional.of(list);
    }

    private byte[] signature(String label, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal((label + value).getBytes(StandardCharsets.US_ASCII)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
