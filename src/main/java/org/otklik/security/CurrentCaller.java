package org.otklik.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The one way a resource learns who calls: {@link #get()} where the endpoint requires a login,
 * {@link #optional()} on public endpoints that also serve a logged-in citizen.
 */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final CurrentIdentityAssociation identities;
    private final CallerResolver callers;
    private Caller resolved;

    public CurrentCaller(SecurityIdentity identity, CurrentIdentityAssociation identities, CallerResolver callers) {
        this.identity = identity;
        this.identities = identities;
        this.callers = callers;
    }

    /** The authenticated caller of an endpoint that requires a login. */
    public Caller get() {
        if (resolved == null) {
            resolved = callers.resolve(identity);
        }
        return resolved;
    }

    /**
     * The caller's account name as the identity provider gives it (the principal name: {@code upn},
     * {@code preferred_username}, else {@code sub}): what audit columns such as {@code created_by} keep.
     */
    public String name() {
        return identity.getPrincipal().getName();
    }

    /** The caller's e-mail address when the token says the identity provider verified it. */
    public Optional<String> verifiedEmail() {
        return callers.verifiedEmail(identity);
    }

    /** The calling person, if a valid token came along; a public endpoint ignores an invalid one. */
    public Uni<Optional<Caller>> optional() {
        return identities.getDeferredIdentity()
                .map(found -> found.isAnonymous() ? Optional.<Caller>empty() : Optional.of(callers.resolve(found)))
                .onFailure().recoverWithItem(Optional.empty());
    }
}
