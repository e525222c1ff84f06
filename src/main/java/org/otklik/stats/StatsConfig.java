package org.otklik.stats;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "otklik.stats")
public interface StatsConfig {

    /** The longest period one summary may cover, in days (a leap year fits). */
    @WithDefault("366")
    int maxRangeDays();

    /** How many topics the summary ranks when the request names no {@code top}. */
    @WithDefault("5")
    int defaultTop();

    @WithDefault("25")
    int maxTop();

    /** Open data hides every group with fewer incidents than this. */
    @WithDefault("5")
    int publicMinGroupSize();

    /** How long caches may keep open data of a month that has ended. */
    @WithDefault("PT1H")
    Duration publicMaxAge();

    /** How long caches may keep open data of the month in progress. */
    @WithDefault("PT5M")
    Duration publicCurrentMonthMaxAge();

    /** How many months of open data this instance keeps computed (each for its max-age); 0 keeps none. */
    @WithDefault("120")
    long publicCacheSize();

    /** Reports one caller may have in flight at once; more are 429. */
    @WithDefault("2")
    int maxReportsPerCaller();

    /** Reports this instance runs at once, each on one database connection of the shared pool. */
    @WithDefault("4")
    int maxConcurrentReports();

    /** How long a report waits for a free slot before it is refused with 503. */
    @WithDefault("PT5S")
    Duration reportWait();

    /** How often the incident deltas are folded into the rollups ({@code @Scheduled} syntax, e.g. 2s). */
    @WithDefault("2s")
    String foldInterval();

    /** When the previous days are closed (rebuilt from the incidents), a Quartz cron in the calendar's zone. */
    @WithDefault("0 20 0 * * ?")
    String closeCron();

    /** How many incident deltas one fold transaction adds to the rollups at most. */
    @WithDefault("20000")
    int foldBatchSize();

    /** The longest range one rebuild may cover, in days (five years and a leap day). */
    @WithDefault("1827")
    int maxRebuildDays();
}
