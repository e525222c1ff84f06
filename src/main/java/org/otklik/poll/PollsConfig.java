package org.otklik.poll;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "otklik.polls")
public interface PollsConfig {

    /**
     * Key of the HMAC-SHA256 that turns (poll, subject) into a participation key. Changing it during a
     * poll lets everyone vote again; production reads it from {@code OTKLIK_POLLS_PARTICIPATION_SECRET}.
     */
    String participationSecret();

    /** Breakdown groups (a district, a channel) with fewer participants are not shown. */
    @WithDefault("10")
    int smallGroupThreshold();

    /** How often the tally deltas are folded into the aggregate ({@code @Scheduled} syntax, e.g. 2s). */
    @WithDefault("2s")
    String tallyRefreshInterval();

    /** How often open and recently closed polls are recounted from their ballots ({@code off} disables). */
    @WithDefault("10m")
    String consistencyCheckInterval();

    /** How long a results view is served from memory. */
    @WithDefault("2s")
    Duration resultsCacheTtl();

    /** How many tally deltas one refresh transaction folds. */
    @WithDefault("20000")
    int tallyBatchSize();
}
