package org.otklik.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.routing.CalendarConfig;

/**
 * The reports' query parameters, parsed at the HTTP edge into the values {@link StatsService} takes.
 * Strict: every failure is a 400 naming the parameter. Defaults count from today in the city's zone.
 */
@ApplicationScoped
public class StatsParameters {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    private final StatsConfig config;
    private final ZoneId zone;
    private final Clock clock;

    public StatsParameters(StatsConfig config, CalendarConfig calendar, Clock clock) {
        this.config = config;
        this.zone = calendar.zone();
        this.clock = clock;
    }

    /** The period of {@code from} and {@code to} (inclusive dates); by default the month up to today. */
    StatsPeriod period(String from, String to) {
        return period(from, to, today(), config.maxRangeDays());
    }

    /** The days to rebuild: both given, {@code from} not after {@code to}, at most the configured days. */
    StatsPeriod rebuildPeriod(String from, String to) {
        if (isAbsent(from)) {
            throw ProblemException.badParameter("from", "from is required: a date YYYY-MM-DD");
        }
        if (isAbsent(to)) {
            throw ProblemException.badParameter("to", "to is required: a date YYYY-MM-DD");
        }
        return period(from, to, today(), config.maxRebuildDays());
    }

    /** How many top topics to rank; the configured default when absent. */
    int top(String value) {
        return top(value, config.defaultTop(), config.maxTop());
    }

    /** A report's year; the current one when absent. */
    int year(String value) {
        return year(value, today().getYear());
    }

    /** The month of open data; the previous one when absent, never a future one. */
    YearMonth month(String value) {
        return month(value, YearMonth.from(clock.instant().atZone(zone)));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** {@code from} and {@code to} are inclusive local dates; by default the month up to today. */
    private static StatsPeriod period(String from, String to, LocalDate today, int maxRangeDays) {
        LocalDate chosenStart = isAbsent(from) ? null : date("from", from);
        LocalDate end = isAbsent(to) ? today : date("to", to);
        LocalDate start = chosenStart == null ? end.withDayOfMonth(1) : chosenStart;
        if (start.isAfter(end)) {
            throw ProblemException.badParameter("from", "from (" + start + ") must not be after to (" + end + ")");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > maxRangeDays) {
            throw ProblemException.badParameter("to",
                    "the period covers " + days + " days; at most " + maxRangeDays + " are allowed");
        }
        return new StatsPeriod(start, end);
    }

    private static int top(String value, int defaultTop, int maxTop) {
        if (isAbsent(value)) {
            return defaultTop;
        }
        if (!NUMBER.matcher(value).matches() || Integer.parseInt(value) < 1 || Integer.parseInt(value) > maxTop) {
            throw ProblemException.badParameter("top", "top must be a whole number from 1 to " + maxTop);
        }
        return Integer.parseInt(value);
    }

    private static int year(String value, int defaultYear) {
        if (isAbsent(value)) {
            return defaultYear;
        }
        if (!YEAR.matcher(value).matches() || !inRange(Integer.parseInt(value))) {
            throw ProblemException.badParameter("year",
                    "year must be four digits from " + FIRST_YEAR + " to " + LAST_YEAR + ", e.g. 2026");
        }
        return Integer.parseInt(value);
    }

    /** A month in the form YYYY-MM, not after {@code latest}; by default the month before {@code latest}. */
    private static YearMonth month(String value, YearMonth latest) {
        if (isAbsent(value)) {
            return latest.minusMonths(1);
        }
        YearMonth month;
        try {
            month = MONTH.matcher(value).matches() ? YearMonth.parse(value) : null;
        } catch (DateTimeParseException e) {
            month = null;
        }
        if (month == null || !inRange(month.getYear())) {
            throw ProblemException.badParameter("month", "month must have the form YYYY-MM, e.g. 2026-10");
        }
        if (month.isAfter(latest)) {
            throw ProblemException.badParameter("month", "month " + month + " has not begun yet");
        }
        return month;
    }

    private static LocalDate date(String parameter, String value) {
        try {
            if (DATE.matcher(value).matches()) {
                LocalDate date = LocalDate.parse(value);
                if (inRange(date.getYear())) {
                    return date;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ProblemException.badParameter(parameter, parameter + " must be a date YYYY-MM-DD between "
                + FIRST_YEAR + " and " + LAST_YEAR);
    }

    private static boolean inRange(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isEmpty();
    }
}
