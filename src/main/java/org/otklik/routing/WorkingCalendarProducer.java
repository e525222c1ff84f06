package org.otklik.routing;

import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class WorkingCalendarProducer {

    @Produces
    @Singleton
    WorkingCalendar workingCalendar(CalendarConfig config) {
        return new WorkingCalendar(config.zone(), config.workdayStart(), config.workdayEnd(), config.workingDays(),
                new HashSet<>(config.holidays()), new HashSet<>(config.transferredWorkingDays().orElse(List.of())));
    }
}
