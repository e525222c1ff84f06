package org.otklik.common.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.otklik.common.problem.ProblemException;

/**
 * The one cursor codec: the sort key of the last item of a page, as an opaque URL-safe string.
 * A key is one or more values (timestamps with PostgreSQL's microsecond precision, numbers, UUIDs);
 * a cursor that did not come from this API is a 400 naming the {@code cursor} parameter.
 */
public final class KeysetCursor {

    public static final String PARAMETER = "cursor";
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private final List<String> values;

    private KeysetCursor(List<String> values) {
        this.values = List.copyOf(values);
    }

    /** A key of any of {@link Instant}, {@link Long}/{@link Integer}, {@link UUID} or {@link String} values. */
    public static KeysetCursor of(Object... key) {
        List<String> values = new ArrayList<>(key.length);
        for (Object value : key) {
            values.add(valueText(value));
        }
        return new KeysetCursor(values);
    }

    private static String valueText(Object value) {
        if (value instanceof Instant at) {
            return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at.truncatedTo(ChronoUnit.MICROS)));
        }
        if (value instanceof Long || value instanceof Integer || value instanceof UUID || value instanceof String) {
            return value.toString();
        }
        throw new IllegalArgumentException("not a key value: " + value);
    }

    /** The usual key: (timestamp, numeric id). */
    public static KeysetCursor after(Instant at, long id) {
        return of(at, id);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", values).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 when the value is not a cursor of {@code size} values this API returned */
    public static KeysetCursor decode(String encoded, int size) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != size) {
                throw invalid();
            }
            return new KeysetCursor(List.of(parts));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** A (timestamp, numeric id) cursor. */
    public static KeysetCursor decode(String encoded) {
        KeysetCursor cursor = decode(encoded, 2);
        cursor.instant(0);
        cursor.number(1);
        return cursor;
    }

    /** A (count, numeric id) cursor of an order by a count, such as supporters; the count fits an int. */
    public static KeysetCursor decodeCount(String encoded) {
        KeysetCursor cursor = decode(encoded, 2);
        long count = cursor.number(0);
        cursor.number(1);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw invalid();
        }
        return cursor;
    }

    public Instant instant(int index) {
        try {
            Instant at = Instant.EPOCH.plus(Long.parseLong(values.get(index)), ChronoUnit.MICROS);
            if (at.isAfter(LATEST)) {
                throw invalid();
            }
            return at;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public long number(int index) {
        try {
            return Long.parseLong(values.get(index));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public UUID uuid(int index) {
        try {
            return UUID.fromString(values.get(index));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public String text(int index) {
        return values.get(index);
    }

    /** The timestamp of a (timestamp, numeric id) cursor. */
    public Instant at() {
        return instant(0);
    }

    /** The id of a (timestamp, numeric id) cursor. */
    public long id() {
        return number(1);
    }

    private static ProblemException invalid() {
        return ProblemException.badParameter(PARAMETER, "not a cursor returned by this API");
    }
}
