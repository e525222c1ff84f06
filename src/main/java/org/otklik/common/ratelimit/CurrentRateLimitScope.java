package org.otklik.common.ratelimit;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The scope the rate-limit filter charged this request to; empty when the endpoint is not limited or limits are off. */
@RequestScoped
public class CurrentRateLimitScope {

    private RateLimitScope scope;

    public Optional<RateLimitScope> get() {
        return Optional.ofNullable(scope);
    }

    void set(RateLimitScope scope) {
        this.scope = scope;
    }
}
