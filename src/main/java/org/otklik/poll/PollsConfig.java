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

    /**
     * The key-encryption key (material, 32+ bytes) of the per-poll keys that seal ballots until close,
     * and of the receipts' signatures; production reads it from {@code OTKLIK_POLLS_BALLOT_KEY}.
     */
    String ballotKey();

    /** How often polls past their close are looked for and their ballots opened ({@code @Scheduled} syntax). */
    @WithDefault("5s")
    String closeCheckInterval();

    /** Breakdown groups (a district, a channel) with fewer participants are not shown. */
    @WithDefault("10")
    int smallGroupThreshold();

    /** How often the LIVE snapshots of open polls are refreshed ({@code @Scheduled} syntax, e.g. 2s). */
    @WithDefault("2s")
    String tallyRefreshInterval();

    /** How often open and recently closed polls are recounted from their ballots ({@code off} disables). */
    @WithDefault("10m")
    String consistencyCheckInterval();

    /** How long a results view is served from memory. */
    @WithDefault("2s")
    Duration resultsCacheTtl();

    /** How long a poll read for voting is reused; whether it is open is checked again when the vote is stored. */
    @WithDefault("1s")
    Duration snapshotCacheTtl();

    /** How votes are gathered into mixed batches, each committed in one transaction. */
    Mix mix();

    interface Mix {

        /** The longest a vote waits for company (min-batch) before its batch is written anyway. */
        @WithDefault("20ms")
        Duration maxWait();

        /** A batch never holds more votes; a full batch is written at once. */
        @WithDefault("256")
        int maxBatch();

        /** A batch is not written before it holds this many votes, unless max-wait has passed. */
        @WithDefault("1")
        int minBatch();

        /** Batches written at the same time by one instance (a full or overdue batch may exceed it). */
        @WithDefault("2")
        int writers();

        /** Retry-After of the 503 answered to every vote of a batch that could not be stored. */
        @WithDefault("1s")
        Duration retryAfter();
    }
}
