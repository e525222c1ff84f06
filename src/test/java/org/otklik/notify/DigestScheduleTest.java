package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Europe/Samara is UTC+4 all year. */
class DigestScheduleTest {

    private static final ZoneId SAMARA = ZoneId.of("Europe/Samara");

    @Test
    void theNextDigestIsTheResidentsHourCityTime() {
        // 07:30 in Samara
        Instant now = Instant.parse("2026-12-01T03:30:00Z");
        assertThat(DigestSchedule.nextAfter(8, now, SAMARA)).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
        assertThat(DigestSchedule.nextAfter(7, now, SAMARA)).as("the hour has begun: tomorrow")
                .isEqualTo(Instant.parse("2026-12-02T03:00:00Z"));
        assertThat(DigestSchedule.nextAfter(0, now, SAMARA)).isEqualTo(Instant.parse("2026-12-01T20:00:00Z"));
        assertThat(DigestSchedule.nextAfter(23, now, SAMARA)).isEqualTo(Instant.parse("2026-12-01T19:00:00Z"));
    }

    @Test
    void exactlyAtTheHourTheNextIsADayLater() {
        Instant eight = Instant.parse("2026-12-01T04:00:00Z");
        assertThat(DigestSchedule.nextAfter(8, eight, SAMARA)).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
        assertThat(DigestSchedule.dayOf(eight, SAMARA)).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void theCityDayNotTheUtcDay() {
        // 22:30 UTC on 1 December is 02:30 on 2 December in Samara
        Instant lateUtc = Instant.parse("2026-12-01T22:30:00Z");
        assertThat(DigestSchedule.nextAfter(1, lateUtc, SAMARA)).isEqualTo(Instant.parse("2026-12-02T21:00:00Z"));
        assertThat(DigestSchedule.nextAfter(3, lateUtc, SAMARA)).isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
        assertThat(DigestSchedule.dayOf(lateUtc, SAMARA)).isEqualTo(LocalDate.of(2026, 12, 2));
    }

    @Test
    void anHourOutsideTheDayIsRefused() {
        assertThatThrownBy(() -> DigestSchedule.nextAfter(24, Instant.now(), SAMARA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestSchedule.nextAfter(-1, Instant.now(), SAMARA)).isInstanceOf(IllegalArgumentException.class);
    }
}
