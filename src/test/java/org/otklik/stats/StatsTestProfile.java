package org.otklik.stats;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The calendar of the fixture year 2020: three holidays on working days and one worked Saturday. Open data is
 * computed afresh each time, since the fixture is inserted anew for each test.
 */
public class StatsTestProfile implements QuarkusTestProfile {

    static final String HOLIDAYS = "2020-02-24,2020-03-09,2020-05-01";
    static final String WORKED_SATURDAYS = "2020-02-29";

    @Override
    public Map<String, String> getConfigOverrides() {
        // no auto-close of the fixtures: a round a minute after start would close incidents between a test's rollup read and its
        // scan (two snapshots), and the comparison sees the difference
        return Map.of("otklik.calendar.holidays", HOLIDAYS,
                "otklik.calendar.transferred-working-days", WORKED_SATURDAYS,
                "otklik.stats.public-cache-size", "0",
                "otklik.workflow.auto-close-after-days", "20000");
    }
}
