package org.otklik.poll.ballot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Receipt codes, written in Crockford's base32. A code names its poll and hour, 64 random bits and a
 * 64-bit HMAC of those under the service's receipt key: the service checks a code by its signature
 * and the poll's state alone, so that every code it issued reads the same, whether its ballot was
 * replaced or not (docs/polls.md, "Receipts"). The database holds a code only as its SHA-256, inside the sealed
 * ballot before close and on the opened ballot after. Codes of the former kind (26 characters, 130
 * random bits) are still checked against the stored hashes.
 */
final class Receipts {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int SIGNED_BYTES = 16 + 4 + 8 + 8;
    /** Characters of a signed code: 288 bits, 5 per character. */
    static final int LENGTH = (SIGNED_BYTES * 8 + 4) / 5;
    /** Characters of a code issued before sealed ballots. */
    static final int LEGACY_LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a signed code says. */
    record Signed(UUID pollId, Instant castHour) {
    }

    private Receipts() {
    }

    static String issue(SecretKey key, UUID pollId, Instant castHour) {
        ByteBuffer bytes = ByteBuffer.allocate(SIGNED_BYTES);
        bytes.putLong(pollId.getMostSignificantBits()).putLong(pollId.getLeastSignificantBits())
                .putInt((int) (castHour.getEpochSecond() / 3600));
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        bytes.put(random);
        bytes.put(mac(key, bytes.array()));
        return encode(bytes.array());
    }

    /** The poll and hour of a signed code in canonical form; empty when it is not one or its signature is wrong. */
    static Optional<Signed> verify(SecretKey key, String code) {
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = decode(code);
        if (bytes == null) {
            return Optional.empty();
        }
        byte[] expected = mac(key, bytes);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, SIGNED_BYTES - 8, SIGNED_BYTES))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        UUID pollId = new UUID(buffer.getLong(), buffer.getLong());
        Instant hour = Instant.ofEpochSecond(Integer.toUnsignedLong(buffer.getInt()) * 3600);
        return Optional.of(new Signed(pollId, hour));
    }

    /** The canonical form of a code as a person may type it (lower case, dashes, I/L for 1, O for 0). */
    static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "")
                .replace('I', '1').replace('L', '1').replace('O', '0');
        if (code.length() != LENGTH && code.length() != LEGACY_LENGTH) {
            return Optional.empty();
        }
        for (char c : code.toCharArray()) {
            if (Arrays.binarySearch(ALPHABET, c) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }

    static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 8 bytes of the HMAC of the code's first 28 bytes. */
    private static byte[] mac(SecretKey key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes, 0, SIGNED_BYTES - 8);
            return Arrays.copyOf(mac.doFinal(), 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(byte[] bytes) {
        StringBuilder code = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                code.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            code.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return code.toString();
    }

    /** Null unless the code is exactly SIGNED_BYTES bytes with zero padding bits. */
    private static byte[] decode(String code) {
        byte[] bytes = new byte[SIGNED_BYTES];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (char c : code.toCharArray()) {
            buffer = (buffer << 5) | Arrays.binarySearch(ALPHABET, c);
            bits += 5;
            if (bits >= 8) {
                if (at == SIGNED_BYTES) {
                    return null;
                }
                bytes[at++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return at == SIGNED_BYTES && (buffer & ((1 << bits) - 1)) == 0 ? bytes : null;
    }
}
