package org.otklik.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Calendar days {@code from} to {@code to}, both included, in the city's time zone. */
record StatsPeriod(LocalDate from, LocalDate to) {

    Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    Instant endExclusive(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
