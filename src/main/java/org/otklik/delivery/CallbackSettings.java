package org.otklik.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The callback destinations fail closed: a Gosuslugi or social-monitoring URL without the means to
 * authenticate the callbacks (its signing secret, or the client-credentials settings where that mode is
 * chosen) is a configuration error, found at start rather than by a receiver taking unsigned calls.
 */
public record CallbackSettings(Optional<String> gosuslugiUrl, Optional<String> gosuslugiSecret,
        Set<DeliveryConfig.GatewayAuth> gosuslugiAuth, boolean tokenClientEnabled, Optional<String> tokenIssuer,
        Optional<String> tokenClientSecret, Optional<String> socialUrl, Optional<String> socialSecret) {

    /** The placeholders application.properties gives the token client while it is off. */
    static final Set<String> PLACEHOLDERS = Set.of("unset", "http://127.0.0.1:9/unused");

    /** Every problem, each naming the setting and its environment variable; empty when the settings are sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (given(gosuslugiUrl)) {
            if (gosuslugiAuth.isEmpty()) {
                problems.add("otklik.delivery.gosuslugi-auth names no way to authenticate the Gosuslugi callbacks "
                        + "(SIGNATURE, CLIENT_CREDENTIALS or both)");
            }
            if (gosuslugiAuth.contains(DeliveryConfig.GatewayAuth.SIGNATURE) && !given(gosuslugiSecret)) {
                problems.add("otklik.delivery.gosuslugi-url is set but otklik.delivery.gosuslugi-secret "
                        + "(OTKLIK_DELIVERY_GOSUSLUGI_SECRET) is not: the Gosuslugi callbacks would go unsigned");
            }
            if (gosuslugiAuth.contains(DeliveryConfig.GatewayAuth.CLIENT_CREDENTIALS)) {
                List<String> missing = new ArrayList<>();
                if (!tokenClientEnabled) {
                    missing.add("quarkus.oidc-client.gosuslugi.client-enabled=true (OTKLIK_DELIVERY_GOSUSLUGI_TOKEN_ENABLED)");
                }
                if (!given(tokenIssuer)) {
                    missing.add("quarkus.oidc-client.gosuslugi.auth-server-url (OTKLIK_DELIVERY_GOSUSLUGI_TOKEN_ISSUER)");
                }
                if (!given(tokenClientSecret)) {
                    missing.add("quarkus.oidc-client.gosuslugi.credentials.secret (OTKLIK_DELIVERY_GOSUSLUGI_CLIENT_SECRET)");
                }
                if (!missing.isEmpty()) {
                    problems.add("otklik.delivery.gosuslugi-auth includes CLIENT_CREDENTIALS but " + String.join(", ", missing)
                            + (missing.size() == 1 ? " is" : " are") + " not set: the Gosuslugi callbacks would carry no token");
                }
            }
        }
        if (given(socialUrl) && !given(socialSecret)) {
            problems.add("otklik.delivery.social-url is set but otklik.delivery.social-secret (OTKLIK_DELIVERY_SOCIAL_SECRET) "
                    + "is not: the replies to the social-monitoring system would go unsigned");
        }
        return problems;
    }

    /** @throws IllegalStateException naming every problem */
    public void check() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". Set them (the manifests take them from Secrets) or unset the destination URL.");
        }
    }

    private static boolean given(Optional<String> value) {
        return value.filter(v -> !v.isBlank() && !PLACEHOLDERS.contains(v.strip())).isPresent();
    }
}
