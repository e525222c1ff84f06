package org.otklik.poll;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Instants as the API shows them: with the city's offset. */
final class PollTimes {

    static final ZoneId CITY = ZoneId.of("Europe/Samara");

    private PollTimes() {
    }

    static OffsetDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(CITY).toOffsetDateTime();
    }
}
