package org.otklik.open311;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.routing.CalendarConfig;

/** Open311 times: {@code YYYY-MM-DDThh:mm:ss} with {@code Z} or an offset, no fractions; ours in the city's zone. */
@ApplicationScoped
public class Open311Times {

    private final CalendarConfig calendar;

    public Open311Times(CalendarConfig calendar) {
        this.calendar = calendar;
    }

    public String format(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), calendar.zone())
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** @throws ProblemException 400 naming the parameter when the value is not such a time */
    public static Instant parse(String parameter, String value) {
        try {
            return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(parameter, "must be a time like 2026-11-28T08:00:00+04:00 or 2026-11-28T04:00:00Z");
        }
    }
}
