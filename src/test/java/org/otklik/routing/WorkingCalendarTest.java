package org.otklik.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private static final ZoneId SAMARA = ZoneId.of("Europe/Samara");
    private static final Set<LocalDate> HOLIDAYS = Set.of(
            LocalDate.parse("2026-11-04"), LocalDate.parse("2026-12-31"),
            LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-04"), LocalDate.parse("2027-01-05"),
            LocalDate.parse("2027-01-06"), LocalDate.parse("2027-01-07"), LocalDate.parse("2027-01-08"));
    private final WorkingCalendar calendar = new WorkingCalendar(SAMARA, LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), HOLIDAYS, Set.of(LocalDate.parse("2026-11-28")));

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SAMARA).toInstant();
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, SAMARA);
    }

    @Test
    void hoursWithinOneWorkingDay() {
        // Monday 10:00 + 4h
        assertThat(local(calendar.plusWorkingHours(at("2026-11-23T10:00"), 4))).isEqualTo("2026-11-23T14:00");
    }

    @Test
    void hoursBeforeOpeningStartAtNine() {
        assertThat(local(calendar.plusWorkingHours(at("2026-11-23T06:30"), 4))).isEqualTo("2026-11-23T13:00");
    }

    @Test
    void eveningMessageCountsFromNextMorning() {
        // Tuesday 20:15 → Wednesday 09:00 + 4h
        assertThat(local(calendar.plusWorkingHours(at("2026-11-24T20:15"), 4))).isEqualTo("2026-11-25T13:00");
    }

    @Test
    void hoursSpanTheEveningIntoTheNextDay() {
        // Wednesday 16:30: 1.5h today, 2.5h Thursday
        assertThat(local(calendar.plusWorkingHours(at("2026-11-25T16:30"), 4))).isEqualTo("2026-11-26T11:30");
    }

    @Test
    void exactlyAtClosingTimeCountsFromNextMorning() {
        assertThat(local(calendar.plusWorkingHours(at("2026-11-23T18:00"), 9))).isEqualTo("2026-11-24T18:00");
    }

    @Test
    void fridayEveningSkipsTheWeekend() {
        // Friday 2026-11-20 17:00: 1h Friday, 3h Monday
        assertThat(local(calendar.plusWorkingHours(at("2026-11-20T17:00"), 4))).isEqualTo("2026-11-23T12:00");
    }

    @Test
    void holidaySkipped() {
        // Tuesday 2026-11-03 17:00, Wednesday 2026-11-04 is National Unity Day
        assertThat(local(calendar.plusWorkingHours(at("2026-11-03T17:00"), 4))).isEqualTo("2026-11-05T12:00");
    }

    @Test
    void transferredWorkingSaturdayCounts() {
        // Saturday 2026-11-28 is configured as a working day
        assertThat(local(calendar.plusWorkingHours(at("2026-11-28T10:00"), 2))).isEqualTo("2026-11-28T12:00");
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-29"))).isFalse();
    }

    @Test
    void yearEndHolidaysAreSkipped() {
        // Wednesday 2026-12-30 16:00, 31 Dec and 1–8 Jan are holidays, 2–3 Jan a weekend
        assertThat(local(calendar.plusWorkingHours(at("2026-12-30T16:00"), 4))).isEqualTo("2027-01-11T11:00");
    }

    @Test
    void workingDaysStartCountingTheNextDay() {
        // Monday 10:00 + 3 working days = Thursday 18:00
        assertThat(local(calendar.plusWorkingDays(at("2026-11-23T10:00"), 3))).isEqualTo("2026-11-26T18:00");
    }

    @Test
    void workingDaysFromAWeekend() {
        // Sunday 2026-11-22 → Mon, Tue, Wed
        assertThat(local(calendar.plusWorkingDays(at("2026-11-22T12:00"), 3))).isEqualTo("2026-11-25T18:00");
    }

    @Test
    void workingDaysLateFridayEvening() {
        // Friday 2026-11-20 23:30 → Mon, Tue
        assertThat(local(calendar.plusWorkingDays(at("2026-11-20T23:30"), 2))).isEqualTo("2026-11-24T18:00");
    }

    @Test
    void workingDaysAcrossTheNewYear() {
        // Tuesday 2026-12-29 → Wed 30 Dec (1), then 31 Dec–10 Jan off, Mon 11 Jan (2), Tue 12 Jan (3)
        assertThat(local(calendar.plusWorkingDays(at("2026-12-29T11:00"), 3))).isEqualTo("2027-01-12T18:00");
    }

    @Test
    void workingDaysOverAHolidayWeek() {
        // Monday 2026-11-02 → Tue 3, (Wed 4 holiday), Thu 5, Fri 6
        assertThat(local(calendar.plusWorkingDays(at("2026-11-02T09:30"), 3))).isEqualTo("2026-11-06T18:00");
    }

    @Test
    void utcInstantsAreReadInSamaraTime() {
        // 2026-11-23T05:30Z is 09:30 in Samara (UTC+4)
        assertThat(local(calendar.plusWorkingHours(Instant.parse("2026-11-23T05:30:00Z"), 1)))
                .isEqualTo("2026-11-23T10:30");
    }

    @Test
    void invalidTermsAreRefused() {
        assertThatThrownBy(() -> calendar.plusWorkingDays(at("2026-11-23T10:00"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.plusWorkingHours(at("2026-11-23T10:00"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWholeWorkingDayFromOpeningEndsAtClosingTheSameDay() {
        assertThat(local(calendar.plusWorkingHours(at("2026-11-23T09:00"), 9))).isEqualTo("2026-11-23T18:00");
    }

    @Test
    void theLastMinuteBeforeClosingCountsToday() {
        assertThat(local(calendar.plusWorkingHours(at("2026-11-23T17:59"), 1))).isEqualTo("2026-11-24T09:59");
    }

    @Test
    void noHoursFromOutsideWorkingTimeIsTheNextOpening() {
        assertThat(local(calendar.plusWorkingHours(at("2026-11-23T11:20"), 0))).isEqualTo("2026-11-23T11:20");
        assertThat(local(calendar.plusWorkingHours(at("2026-11-21T12:00"), 0))).as("Saturday").isEqualTo("2026-11-23T09:00");
        assertThat(local(calendar.plusWorkingHours(at("2026-11-04T10:00"), 0))).as("a holiday").isEqualTo("2026-11-05T09:00");
    }

    @Test
    void theLastInstantOfAHolidayCountsFromTheNextMorning() {
        assertThat(local(calendar.plusWorkingHours(at("2026-11-04T23:59:59"), 1))).isEqualTo("2026-11-05T10:00");
    }

    @Test
    void theDayOfAnInstantIsTheCalendarsDay() {
        // 2026-11-22T21:30Z is Monday 01:30 in Samara, though still Sunday in UTC: the term counts from Tuesday
        assertThat(local(calendar.plusWorkingDays(Instant.parse("2026-11-22T21:30:00Z"), 1))).isEqualTo("2026-11-24T18:00");
        assertThat(local(calendar.plusWorkingDays(Instant.parse("2026-11-22T19:59:59Z"), 1))).isEqualTo("2026-11-23T18:00");
    }

    @Test
    void workingDaysFromAHolidayOrATransferredSaturday() {
        assertThat(local(calendar.plusWorkingDays(at("2026-11-04T12:00"), 1))).isEqualTo("2026-11-05T18:00");
        assertThat(local(calendar.plusWorkingDays(at("2026-11-27T12:00"), 1))).as("Friday to the transferred Saturday")
                .isEqualTo("2026-11-28T18:00");
        assertThat(local(calendar.plusWorkingDays(at("2026-11-28T12:00"), 1))).isEqualTo("2026-11-30T18:00");
    }

    @Test
    void theEndOfAWorkingDayIsItsClosingTime() {
        assertThat(local(calendar.endOfWorkingDay(LocalDate.parse("2026-11-23")))).isEqualTo("2026-11-23T18:00");
        assertThat(local(calendar.endOfWorkingDay(LocalDate.parse("2026-11-28")))).as("transferred Saturday")
                .isEqualTo("2026-11-28T18:00");
    }

    @Test
    void theEndOfADayOffIsTheEndOfTheNextWorkingDay() {
        assertThat(local(calendar.endOfWorkingDay(LocalDate.parse("2026-11-22")))).as("Sunday").isEqualTo("2026-11-23T18:00");
        assertThat(local(calendar.endOfWorkingDay(LocalDate.parse("2026-11-04")))).as("holiday").isEqualTo("2026-11-05T18:00");
        assertThat(local(calendar.endOfWorkingDay(LocalDate.parse("2026-12-31")))).as("the New Year holidays")
                .isEqualTo("2027-01-11T18:00");
    }

    @Test
    void aTransferredWorkingDayCountsEvenWhenItIsAlsoAHoliday() {
        LocalDate day = LocalDate.parse("2027-01-08");
        WorkingCalendar transferred = new WorkingCalendar(SAMARA, LocalTime.of(9, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), HOLIDAYS, Set.of(day));

        assertThat(calendar.isWorkingDay(day)).isFalse();
        assertThat(transferred.isWorkingDay(day)).isTrue();
    }

    @Test
    void aCalendarOfTransferredDaysAloneWorksOnlyOnThem() {
        WorkingCalendar onlyTransferred = new WorkingCalendar(SAMARA, LocalTime.of(9, 0), LocalTime.of(18, 0),
                EnumSet.noneOf(DayOfWeek.class), Set.of(), Set.of(LocalDate.parse("2026-11-28")));

        assertThat(onlyTransferred.isWorkingDay(LocalDate.parse("2026-11-23"))).isFalse();
        assertThat(local(onlyTransferred.plusWorkingHours(at("2026-11-23T10:00"), 2))).isEqualTo("2026-11-28T11:00");
    }

    @Test
    void aCalendarNeedsADayThatStartsBeforeItEndsAndSomeWorkingDays() {
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThatThrownBy(() -> new WorkingCalendar(SAMARA, LocalTime.of(18, 0), LocalTime.of(9, 0), weekdays, Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start before it ends");
        assertThatThrownBy(() -> new WorkingCalendar(SAMARA, LocalTime.of(9, 0), LocalTime.of(9, 0), weekdays, Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingCalendar(SAMARA, LocalTime.of(9, 0), LocalTime.of(18, 0),
                EnumSet.noneOf(DayOfWeek.class), Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs working days");
    }
}
