package org.otklik.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * The first augmentor, so that it sees an identity as its provider made it: keeps the identity of a
 * bearer token OIDC has just verified in {@link VerifiedTokenCache}. Changes nothing.
 */
@ApplicationScoped
public class VerifiedTokenKeeper implements SecurityIdentityAugmentor {

    private final VerifiedTokenCache cache;

    public VerifiedTokenKeeper(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        cache.keep(identity);
        return Uni.createFrom().item(identity);
    }
}
