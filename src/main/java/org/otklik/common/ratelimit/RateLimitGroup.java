package org.otklik.common.ratelimit;

import java.time.Duration;

/**
 * The rate-limit groups. An endpoint joins one with {@link RateLimited}; each caller has a quota per
 * group. The defaults are what a person never meets and a script walking numbers soon does; an
 * integration client (a gateway acting for many people) has its own, larger quota.
 */
public enum RateLimitGroup {
    /** Reads: public status, polls, receipts, reference data, open data, a citizen's own incidents. */
    LOOKUPS("lookups", 120, Duration.ofMinutes(1), 1200),
    /** Messages, ratings and social-media batches. */
    SUBMISSIONS("submissions", 20, Duration.ofHours(1), 6000),
    /** Ballots. */
    VOTES("votes", 30, Duration.ofHours(1), 30),
    /** Statistics reports for analysts and operators. */
    REPORTS("reports", 120, Duration.ofHours(1), 120),
    /** Administration: polls, webhooks, the delivery log. */
    ADMIN("admin", 300, Duration.ofMinutes(1), 300),
    /** The staff queue, incident details and actions, delivery state. */
    STAFF("staff", 600, Duration.ofMinutes(1), 600),
    /** Photo uploads: each one is decoded and re-encoded, the costliest request there is. */
    UPLOADS("uploads", 120, Duration.ofHours(1), 6000);

    private final String key;
    private final long requests;
    private final Duration window;
    private final long integrationRequests;

    RateLimitGroup(String key, long requests, Duration window, long integrationRequests) {
        this.key = key;
        this.requests = requests;
        this.window = window;
        this.integrationRequests = integrationRequests;
    }

    /** The name in configuration ({@code otklik.rate-limit.groups.<key>.*}) and in the RateLimit headers. */
    public String key() {
        return key;
    }

    long defaultRequests() {
        return requests;
    }

    Duration defaultWindow() {
        return window;
    }

    long defaultIntegrationRequests() {
        return integrationRequests;
    }
}
