package org.otklik.common.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Timestamps between Java and PostgreSQL's {@code timestamptz}: an instant goes out as a UTC offset time (the pool
 * client's parameter type); a pool column or a Hibernate native query's value comes back as an instant. Null stays null.
 */
public final class SqlTimestamps {

    private SqlTimestamps() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof String text) {
            return OffsetDateTime.parse(text).toInstant();
        }
        throw new IllegalStateException("unexpected time value " + value.getClass());
    }
}
