package org.otklik.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimitScope;
import org.otklik.common.ratelimit.RateLimiter;
import org.otklik.open311.Open311Repository.Client;
import org.otklik.security.Caller;
import org.otklik.security.Channel;

import io.smallrye.mutiny.Uni;

/** Who calls the Open311 endpoint: the jurisdiction it names, the client behind its API key, and that key's quota. */
@ApplicationScoped
public class Open311Clients {

    private final Open311Repository repository;
    private final Open311Config config;
    private final RateLimiter limiter;

    public Open311Clients(Open311Repository repository, Open311Config config, RateLimiter limiter) {
        this.repository = repository;
        this.config = config;
        this.limiter = limiter;
    }

    /** @throws ProblemException 404 when a jurisdiction other than ours is named */
    public void checkJurisdiction(String jurisdictionId) {
        if (jurisdictionId != null && !jurisdictionId.isBlank() && !jurisdictionId.strip().equals(config.jurisdictionId())) {
            throw ProblemException.notFound("jurisdiction_id: this endpoint serves only " + config.jurisdictionId() + ".");
        }
    }

    /** How a key is stored: its SHA-256, never the key itself. */
    static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client of a required key, its quota in {@code group} charged; 403 without a valid key. */
    Uni<Client> authenticated(String apiKey, RateLimitGroup group) {
        return authenticate(apiKey).map(client -> charged(client, group));
    }

    /** The client of an optional key (charged as above), or none when no key was sent. */
    Uni<Optional<Client>> optional(String apiKey, RateLimitGroup group) {
        return apiKey == null || apiKey.isBlank() ? Uni.createFrom().item(Optional.empty())
                : authenticated(apiKey, group).map(Optional::of);
    }

    private Uni<Client> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN, "api_key: an API key is required."));
        }
        return repository.activeClientByKeyHash(hash(apiKey.strip()))
                .map(client -> client.orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                        "api_key: this API key is not valid.")));
    }

    /**
     * Charges a verified key's quota in a group at the integration rate, whichever addresses the calls come
     * from (the filter has charged the address already, before the key was known).
     */
    private Client charged(Client client, RateLimitGroup group) {
        limiter.charge(group, new RateLimitScope(RateLimitScope.Kind.CLIENT, subjectOf(client)));
        return client;
    }

    /** The client acting on the Open311 channel with {@code roles}. */
    static Caller callerOf(Client client, Set<String> roles) {
        return new Caller(subjectOf(client), roles, Optional.of("open311:" + client.name()), Optional.of(Channel.OPEN311),
                Optional.ofNullable(client.organizationCode()), Optional.empty(), Optional.empty());
    }

    static String subjectOf(Client client) {
        return "open311:" + client.id();
    }
}
