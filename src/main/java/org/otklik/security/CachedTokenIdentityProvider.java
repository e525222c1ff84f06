package org.otklik.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before OIDC's provider: answers a bearer token found in {@link VerifiedTokenCache} with its
 * identity, bound to the current request; for any other token it answers nothing, and OIDC verifies it.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokenCache cache;

    public CachedTokenIdentityProvider(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of OIDC's provider, which keeps the default priority (1001); higher is asked first. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return cache.find(request.getToken().getToken())
                .map(identity -> Uni.createFrom().item(forRequest(identity, HttpSecurityUtils.getRoutingContextAttribute(request))))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    private static SecurityIdentity forRequest(SecurityIdentity identity, RoutingContext request) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(VerifiedTokenCache.ROUTING_CONTEXT, request)
                .addAttribute(VerifiedTokenCache.REQUEST_CONTEXT,
                        request == null ? null : request.get(VerifiedTokenCache.REQUEST_CONTEXT))
                .build();
    }
}
