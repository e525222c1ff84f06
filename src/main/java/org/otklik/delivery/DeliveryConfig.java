package org.otklik.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where answers go and how hard the relay tries. */
@ConfigMapping(prefix = "otklik.delivery")
public interface DeliveryConfig {

    /** The Gosuslugi gateway's callback; without it Gosuslugi incidents get no callbacks. */
    Optional<String> gosuslugiUrl();

    /** Standard Webhooks secret (whsec_…) the gateway checks our callbacks with. */
    Optional<String> gosuslugiSecret();

    /**
     * How callbacks to the gateway authenticate: a Standard Webhooks signature (with
     * gosuslugi-secret), a client-credentials access token from the OIDC client named "gosuslugi"
     * (quarkus.oidc-client.gosuslugi.*), or both.
     */
    @WithDefault("SIGNATURE")
    Set<GatewayAuth> gosuslugiAuth();

    enum GatewayAuth {
        SIGNATURE,
        CLIENT_CREDENTIALS
    }

    /** The social-monitoring system's reply endpoint. */
    Optional<String> socialUrl();

    Optional<String> socialSecret();

    @WithDefault("false")
    boolean allowHttp();

    /** Hosts that may resolve to loopback or private addresses (tests, in-cluster receivers). */
    Optional<Set<String>> allowedHosts();

    /** How often the relay runs (a duration, or "off" where something else drives it, as in tests). */
    @WithDefault("1s")
    String relayInterval();

    @WithDefault("50")
    int batchSize();

    /** Waits before the 2nd, 3rd, … try; after the last one a delivery is dead. */
    @WithDefault("5s,30s,2m,10m,1h,6h,24h")
    java.util.List<Duration> retrySchedule();

    /** How long a claimed row stays with one relay before another may take it over. */
    @WithDefault("60s")
    Duration lease();

    @WithDefault("3s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration requestTimeout();

    @WithDefault("5")
    int circuitFailureThreshold();

    @WithDefault("60s")
    Duration circuitOpenFor();
}
