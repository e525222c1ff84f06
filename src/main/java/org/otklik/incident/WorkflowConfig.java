package org.otklik.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Terms of the staff workflow. */
@ConfigMapping(prefix = "otklik.workflow")
public interface WorkflowConfig {

    /** How far ahead an interim answer may plan the work, in calendar days. */
    @WithDefault("90")
    int interimMaxDaysAhead();

    /** Days after an answer within which its author may accept or contest it. */
    @WithDefault("10")
    int ratingPeriodDays();

    /** An answer nobody contested closes by itself after this many days. */
    @WithDefault("10")
    int autoCloseAfterDays();

    /** How often answered incidents are checked for auto-closing (once per interval across all instances). */
    @WithDefault("10m")
    java.time.Duration autoCloseInterval();

    /** The new, shorter resolution term of a reopened incident, in working days. */
    @WithDefault("3")
    int reopenedResolutionDays();
}
