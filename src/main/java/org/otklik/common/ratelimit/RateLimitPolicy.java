package org.otklik.common.ratelimit;

import java.time.Duration;

/**
 * A quota: {@code quota} requests per {@code window}, refilled continuously (a token bucket whose
 * capacity is the quota). Rendered per draft-ietf-httpapi-ratelimit-headers-09.
 */
public record RateLimitPolicy(String name, long quota, Duration window) {

    /** The {@code RateLimit-Policy} item, e.g. {@code "lookups";q=120;w=60}. */
    public String header() {
        return "\"" + name + "\";q=" + quota + ";w=" + window.toSeconds();
    }

    /** The {@code RateLimit} item: what is left and the seconds until the quota is whole again. */
    public String remaining(long remaining, long resetSeconds) {
        return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
