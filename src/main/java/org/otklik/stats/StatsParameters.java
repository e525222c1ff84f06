package org.otklik.stats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.otklik.common.ProblemException;

/** Strict parsing of the reports' query parameters; every failure is a 400 naming the parameter. */
final class StatsParameters {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    private StatsParameters() {
    }

    /** {@code from} and {@code to} are inclusive local dates; by default the month up to today. */
    static StatsPeriod period(String from, String to, LocalDate today, int maxRangeDays) {
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

    static int top(String value, int defaultTop, int maxTop) {
        if (isAbsent(value)) {
            return defaultTop;
        }
        if (!NUMBER.matcher(value).matches() || Integer.parseInt(value) < 1 || Integer.parseInt(value) > maxTop) {
            throw ProblemException.badParameter("top", "top must be a whole number from 1 to " + maxTop);
        }
        return Integer.parseInt(value);
    }

    static int year(String value, int defaultYear) {
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
    static YearMonth month(String value, YearMonth latest) {
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
