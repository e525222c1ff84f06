package org.otklik.poll;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Receipt codes: 130 random bits written as 26 characters of Crockford's base32. Only their
 * SHA-256 is stored, so the database cannot hand out receipts of other people's ballots.
 */
final class Receipts {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final int LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Receipts() {
    }

    static String newCode() {
        char[] code = new char[LENGTH];
        byte[] random = new byte[LENGTH];
        RANDOM.nextBytes(random);
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[random[i] & 31];
        }
        return new String(code);
    }

    /** The canonical form of a code as a person may type it (lower case, dashes, I/L for 1, O for 0). */
    static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "")
                .replace('I', '1').replace('L', '1').replace('O', '0');
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        for (char c : code.toCharArray()) {
            if (java.util.Arrays.binarySearch(ALPHABET, c) < 0) {
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
}
