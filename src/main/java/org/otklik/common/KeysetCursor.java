package org.otklik.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The position after the last item of a page ordered by (timestamp, id), as an opaque string.
 * Timestamps keep microsecond precision, like PostgreSQL's.
 */
public record KeysetCursor(Instant at, long id) {

    public static KeysetCursor after(Instant at, long id) {
        return new KeysetCursor(at.truncatedTo(ChronoUnit.MICROS), id);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ProblemException 400 naming the {@code cursor} parameter when the value is not ours */
    public static KeysetCursor decode(String encoded) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return new KeysetCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
                    Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ProblemException.badParameter("cursor", "not a cursor returned by this API");
        }
    }
}
