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
}
