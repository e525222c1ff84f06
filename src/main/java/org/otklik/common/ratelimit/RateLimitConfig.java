package org.otklik.common.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rate limits per group; a group not named here keeps the defaults of {@link RateLimitGroup}. */
@ConfigMapping(prefix = "otklik.rate-limit")
public interface RateLimitConfig {

    /** false turns every limit off (load benchmarks). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many callers each group tracks at most (a few hundred bytes each); the least recently seen are
     * forgotten first, and start again with a full quota.
     */
    @WithDefault("50000")
    long maxTrackedCallers();

    /**
     * The proxies whose X-Forwarded-For entries are believed (addresses or CIDR blocks): the ingress
     * controller's, never a whole private range (see {@link ClientAddress}).
     */
    @WithDefault("127.0.0.1")
    List<String> trustedProxies();

    /** Overrides per group, keyed by {@link RateLimitGroup#key()}. */
    Map<String, GroupLimit> groups();

    interface GroupLimit {
        /** Requests per window for an address or a person (also the burst). */
        OptionalLong requests();

        Optional<Duration> window();

        /** Requests per window for an integration client. */
        OptionalLong integrationRequests();
    }
}
