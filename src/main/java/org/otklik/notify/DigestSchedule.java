package org.otklik.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a resident's daily digest is due: at the top of their hour, city time. */
public final class DigestSchedule {

    private DigestSchedule() {
    }

    /** The first {@code hour}:00 in {@code zone} strictly after {@code now}. */
    public static Instant nextAfter(int hour, Instant now, ZoneId zone) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("an hour is 0 to 23, was " + hour);
        }
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        ZonedDateTime slot = day.atTime(hour, 0).atZone(zone);
        if (!slot.toInstant().isAfter(now)) {
            slot = day.plusDays(1).atTime(hour, 0).atZone(zone);
        }
        return slot.toInstant();
    }

    /** The city day a digest due at {@code slot} reports on. */
    public static LocalDate dayOf(Instant slot, ZoneId zone) {
        return slot.atZone(zone).toLocalDate();
    }
}
