package org.otklik.common.ratelimit;

import java.util.Map;

/**
 * A caller went over a quota. Carries the answer's headers, so that a feature with its own error
 * format (Open311) can map it itself; {@link RateLimitExceptionMapper} renders problem+json.
 */
public class RateLimitExceededException extends RuntimeException {

    private final long retryAfterSeconds;
    private final String policyHeader;
    private final String limitHeader;

    public RateLimitExceededException(String detail, long retryAfterSeconds, String policyHeader, String limitHeader) {
        super(detail, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
        this.policyHeader = policyHeader;
        this.limitHeader = limitHeader;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@code Retry-After}, {@code RateLimit-Policy} and {@code RateLimit}. */
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds), RateLimitHeaders.POLICY, policyHeader,
                RateLimitHeaders.LIMIT, limitHeader);
    }
}
