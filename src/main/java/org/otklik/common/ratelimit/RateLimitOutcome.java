package org.otklik.common.ratelimit;

/** The answer of one quota check. */
public record RateLimitOutcome(RateLimitPolicy policy, boolean allowed, long remaining, long resetSeconds,
        long retryAfterSeconds) {

    /** The {@code RateLimit} value: on a refusal, t is the wait until the next request is allowed. */
    public String limitHeader() {
        return policy.remaining(remaining, allowed ? resetSeconds : retryAfterSeconds);
    }

    public RateLimitExceededException exceeded() {
        return new RateLimitExceededException("More than " + policy.quota() + " requests in " + policy.window().toSeconds()
                + " s in the group '" + policy.name() + "'; try again in " + retryAfterSeconds + " s.",
                retryAfterSeconds, policy.header(), limitHeader());
    }
}
