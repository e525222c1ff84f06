package org.otklik.routing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The working-time calendar that deadlines are counted in. */
@ConfigMapping(prefix = "otklik.calendar")
public interface CalendarConfig {

    @WithDefault("Europe/Samara")
    ZoneId zone();

    @WithDefault("09:00")
    LocalTime workdayStart();

    @WithDefault("18:00")
    LocalTime workdayEnd();

    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    Set<DayOfWeek> workingDays();

    /** Public holidays: no work even on a working day of the week. */
    List<LocalDate> holidays();

    /** Days that are worked although they fall on a weekend (transferred working days). */
    Optional<List<LocalDate>> transferredWorkingDays();
}
