package org.otklik.poll;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.routing.CalendarConfig;

/** The polls' time: the current instant from the injected {@link Clock}, shown in the city's zone ({@code otklik.calendar.zone}). */
@ApplicationScoped
public class PollTimes {

    /** One moment of a request, with the zone its instants are shown in. */
    public record Now(Instant instant, ZoneId zone) {

        public OffsetDateTime local() {
            return local(instant);
        }

        public OffsetDateTime local(Instant other) {
            return other == null ? null : other.atZone(zone).toOffsetDateTime();
        }

        public LocalDate today() {
            return instant.atZone(zone).toLocalDate();
        }
    }

    private final Clock clock;
    private final ZoneId zone;

    public PollTimes(Clock clock, CalendarConfig calendar) {
        this.clock = clock;
        this.zone = calendar.zone();
    }

    public Now now() {
        return new Now(clock.instant(), zone);
    }

    public OffsetDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
