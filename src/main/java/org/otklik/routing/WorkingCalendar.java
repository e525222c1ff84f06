package org.otklik.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working time: working days of the week, less public holidays, plus transferred working days,
 * each from {@code start} to {@code end} in one time zone.
 */
public final class WorkingCalendar {

    private final ZoneId zone;
    private final LocalTime start;
    private final LocalTime end;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> transferredWorkingDays;

    public WorkingCalendar(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> workingDays,
            Set<LocalDate> holidays, Set<LocalDate> transferredWorkingDays) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the working day must start before it ends");
        }
        if (workingDays.isEmpty() && transferredWorkingDays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs working days");
        }
        this.zone = zone;
        this.start = start;
        this.end = end;
        this.workingDays = Set.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays);
        this.transferredWorkingDays = Set.copyOf(transferredWorkingDays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        if (transferredWorkingDays.contains(date)) {
            return true;
        }
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The moment {@code hours} of working time after {@code from}. */
    public Instant plusWorkingHours(Instant from, int hours) {
        if (hours < 0) {
            throw new IllegalArgumentException("hours must not be negative");
        }
        Duration remaining = Duration.ofHours(hours);
        LocalDateTime cursor = LocalDateTime.ofInstant(from, zone);
        while (true) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day) && cursor.toLocalTime().isBefore(end)) {
                LocalDateTime dayStart = day.atTime(start);
                if (cursor.isBefore(dayStart)) {
                    cursor = dayStart;
                }
                Duration leftToday = Duration.between(cursor, day.atTime(end));
                if (remaining.compareTo(leftToday) <= 0) {
                    return cursor.plus(remaining).atZone(zone).toInstant();
                }
                remaining = remaining.minus(leftToday);
            }
            cursor = day.plusDays(1).atTime(start);
        }
    }

    /**
     * The end of the {@code days}-th working day after the day of {@code from}: a term of N working
     * days starts counting on the day after the message arrives.
     */
    public Instant plusWorkingDays(Instant from, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
        LocalDate day = LocalDateTime.ofInstant(from, zone).toLocalDate();
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.atTime(end).atZone(zone).toInstant();
    }

    /** The same calendar day {@code date} at the end of working time, or the next working day's end. */
    public Instant endOfWorkingDay(LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, end, zone).toInstant();
    }
}
