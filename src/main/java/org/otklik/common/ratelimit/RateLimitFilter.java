package org.otklik.common.ratelimit;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.otklik.security.Caller;
import org.otklik.security.CallerResolver;
import org.otklik.security.Roles;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Charges each request to an endpoint marked {@link RateLimited} to its caller's quota: an integration
 * client by its OIDC client, a person by the token subject, anyone else by the client address (see
 * {@link ClientAddress}: the rightmost X-Forwarded-For entry that no trusted proxy added). The identity is resolved
 * without blocking; a token that does not verify is charged to the address and left to the endpoint
 * to refuse.
 */
public class RateLimitFilter {

    static final String OUTCOME = RateLimitFilter.class.getName() + ".outcome";

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;
    private final CallerResolver callers;
    private final CurrentRateLimitScope currentScope;
    private final Map<Method, Optional<RateLimitGroup>> groups = new ConcurrentHashMap<>();
    private final Map<RateLimitGroup, Counter> refusals = new EnumMap<>(RateLimitGroup.class);
    private final ClientAddress clientAddress;

    public RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities, CallerResolver callers,
            CurrentRateLimitScope currentScope, MeterRegistry registry, RateLimitConfig config) {
        this.clientAddress = ClientAddress.trusting(config.trustedProxies());
        for (RateLimitGroup group : RateLimitGroup.values()) {
            refusals.put(group, Counter.builder("otklik.ratelimit.refusals").description("Requests refused with 429 by a rate limit")
                    .tag("group", group.key()).register(registry));
        }
        this.limiter = limiter;
        this.identities = identities;
        this.callers = callers;
        this.currentScope = currentScope;
    }

    @ServerRequestFilter
    public Uni<Void> limit(ResourceInfo resource, HttpServerRequest request, ContainerRequestContext context) {
        if (!limiter.enabled() || resource.getResourceMethod() == null) {
            return Uni.createFrom().voidItem();
        }
        Optional<RateLimitGroup> group = groups.computeIfAbsent(resource.getResourceMethod(),
                method -> groupOf(method, resource.getResourceClass()));
        if (group.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> scopeOf(identity, request))
                .invoke(scope -> {
                    currentScope.set(scope);
                    RateLimitOutcome outcome = limiter.consume(group.get(), scope);
                    context.setProperty(OUTCOME, outcome);
                    if (!outcome.allowed()) {
                        refusals.get(group.get()).increment();
                        throw outcome.exceeded();
                    }
                })
                .replaceWithVoid();
    }

    /** Answers of limited endpoints tell the caller where they stand, unless they name another limit already. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(OUTCOME) instanceof RateLimitOutcome outcome && outcome.allowed()
                && !response.getHeaders().containsKey(RateLimitHeaders.POLICY)) {
            response.getHeaders().putSingle(RateLimitHeaders.POLICY, outcome.policy().header());
            response.getHeaders().putSingle(RateLimitHeaders.LIMIT, outcome.limitHeader());
        }
    }

    private static Optional<RateLimitGroup> groupOf(Method method, Class<?> resourceClass) {
        RateLimited limited = method.getAnnotation(RateLimited.class);
        if (limited == null) {
            limited = resourceClass.getAnnotation(RateLimited.class);
        }
        return Optional.ofNullable(limited).map(RateLimited::value);
    }

    private RateLimitScope scopeOf(SecurityIdentity identity, HttpServerRequest request) {
        if (identity == null || identity.isAnonymous()) {
            return new RateLimitScope(RateLimitScope.Kind.ADDRESS, addressOf(request));
        }
        Caller caller = callers.resolve(identity);
        if (caller.hasRole(Roles.INTEGRATION) && caller.client().isPresent()) {
            return new RateLimitScope(RateLimitScope.Kind.CLIENT, caller.client().get());
        }
        return new RateLimitScope(RateLimitScope.Kind.SUBJECT, caller.subject());
    }

    /** The connection's own peer (Quarkus' forwarding would give the first, client-written X-Forwarded-For entry). */
    private String addressOf(HttpServerRequest request) {
        SocketAddress peer = request.connection() != null && request.connection().remoteAddress() != null
                ? request.connection().remoteAddress()
                : request.remoteAddress();
        if (peer == null) {
            return "unknown";
        }
        String client = clientAddress.of(peer.hostAddress(), request.headers().getAll("X-Forwarded-For"));
        return client == null ? "unknown" : scopeOfAddress(client);
    }

    /** An IPv6 client counts by its /64, which is what one subscriber is usually given. */
    static String scopeOfAddress(String host) {
        if (host == null || host.indexOf(':') < 0) {
            return host == null ? "unknown" : host;
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            if (address.length == 16) {
                return HexFormat.of().formatHex(address, 0, 8) + "::/64";
            }
            return host;
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
