package org.otklik.common.ratelimit;

/** Header names of draft-ietf-httpapi-ratelimit-headers-09. */
public final class RateLimitHeaders {

    public static final String POLICY = "RateLimit-Policy";
    public static final String LIMIT = "RateLimit";

    private RateLimitHeaders() {
    }
}
