package org.otklik.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/** Stops the start when a callback destination is configured without its secret (see {@link CallbackSettings}). */
@ApplicationScoped
public class CallbackSettingsCheck {

    private static final String TOKEN_CLIENT = "quarkus.oidc-client.gosuslugi.";

    void onStart(@Observes StartupEvent start, DeliveryConfig delivery, Config config) {
        of(delivery, config).check();
    }

    static CallbackSettings of(DeliveryConfig delivery, Config config) {
        return new CallbackSettings(delivery.gosuslugiUrl(), delivery.gosuslugiSecret(), delivery.gosuslugiAuth(),
                config.getOptionalValue(TOKEN_CLIENT + "client-enabled", Boolean.class).orElse(false),
                config.getOptionalValue(TOKEN_CLIENT + "auth-server-url", String.class),
                config.getOptionalValue(TOKEN_CLIENT + "credentials.secret", String.class),
                delivery.socialUrl(), delivery.socialSecret());
    }
}
