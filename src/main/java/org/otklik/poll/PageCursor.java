package org.otklik.poll;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.otklik.common.ProblemException;

/** Keyset position in a list ordered by (instant, id) descending; opaque to clients. */
record PageCursor(Instant at, UUID id) {

    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
                throw new IllegalArgumentException("out of range");
            }
            return new PageCursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.badParameter("cursor", "is not a cursor this API returned");
        }
    }
}
