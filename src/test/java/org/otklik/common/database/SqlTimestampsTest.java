package org.otklik.common.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The instant ↔ timestamptz conversions every repository shares; null stays null both ways. */
class SqlTimestampsTest {

    private static final Instant AT = Instant.parse("2026-12-06T07:30:15.123456Z");

    @Test
    void anInstantGoesOutAsItsUtcOffsetTime() {
        assertThat(SqlTimestamps.utc(AT)).isEqualTo(OffsetDateTime.of(2026, 12, 6, 7, 30, 15, 123_456_000, ZoneOffset.UTC));
        assertThat(SqlTimestamps.utc(null)).isNull();
    }

    @Test
    void everyTimeValueOfANativeQueryComesBackAsTheSameInstant() {
        assertThat(SqlTimestamps.instant((Object) AT)).isEqualTo(AT);
        assertThat(SqlTimestamps.instant((Object) AT.atOffset(ZoneOffset.ofHours(4)))).isEqualTo(AT);
        assertThat(SqlTimestamps.instant((Object) AT.atZone(ZoneId.of("Europe/Samara")))).isEqualTo(AT);
        assertThat(SqlTimestamps.instant((Object) Timestamp.from(AT))).isEqualTo(AT);
        assertThat(SqlTimestamps.instant((Object) LocalDateTime.ofInstant(AT, ZoneOffset.UTC))).isEqualTo(AT);
        assertThat(SqlTimestamps.instant((Object) "2026-12-06T11:30:15.123456+04:00")).isEqualTo(AT);
        assertThat(SqlTimestamps.instant((Object) null)).isNull();
    }

    @Test
    void aValueThatIsNoTimeIsRefused() {
        assertThatThrownBy(() -> SqlTimestamps.instant((Object) 42L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Long");
    }
}
