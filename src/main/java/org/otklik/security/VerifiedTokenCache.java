package org.otklik.security;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Identities of bearer tokens that OIDC verified (signature, issuer, audience, expiry), so that a
 * client's next calls with the same token skip verification. An entry is served until the token
 * expires or {@code max-age} has passed since it was verified, whichever comes first; a token that
 * fails verification is never kept. The identity is kept without the request it was verified in.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** Attributes OIDC ties to the request that verified the token. */
    static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    private record Verified(SecurityIdentity identity, long servedUntilMillis) {
    }

    private final SecurityConfig.VerifiedTokens config;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final LongAdder served = new LongAdder();

    public VerifiedTokenCache(SecurityConfig config, Clock clock) {
        this.config = config.verifiedTokens();
        this.clock = clock;
    }

    /** The identity of a token verified before and still within its time. */
    public Optional<SecurityIdentity> find(String token) {
        Verified found = verified.get(token);
        if (found == null) {
            return Optional.empty();
        }
        if (clock.millis() >= found.servedUntilMillis()) {
            verified.remove(token, found);
            return Optional.empty();
        }
        served.increment();
        return Optional.of(found.identity());
    }

    /** Keeps an identity that OIDC has just verified, if its token has an expiry still ahead. */
    public void keep(SecurityIdentity identity) {
        if (!config.enabled() || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        String token = jwt.getRawToken();
        if (token == null || verified.containsKey(token)) {
            return;
        }
        long now = clock.millis();
        long servedUntil = Math.min(jwt.getExpirationTime() * 1000, now + config.maxAge().toMillis());
        if (servedUntil <= now) {
            return;
        }
        if (verified.size() >= config.maxEntries()) {
            verified.clear();
        }
        SecurityIdentity withoutRequest = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(ROUTING_CONTEXT, null)
                .addAttribute(REQUEST_CONTEXT, null)
                .build();
        verified.put(token, new Verified(withoutRequest, servedUntil));
    }

    /** How many requests were answered from memory since start. */
    public long served() {
        return served.sum();
    }

    /** How many tokens are kept now. */
    public int size() {
        return verified.size();
    }
}
