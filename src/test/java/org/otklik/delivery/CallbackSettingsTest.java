package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.otklik.delivery.DeliveryConfig.GatewayAuth;

class CallbackSettingsTest {

    private static final Optional<String> URL = Optional.of("https://gateway.example.org/callback");
    private static final Optional<String> SECRET = Optional.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final Optional<String> NONE = Optional.empty();

    private static CallbackSettings gosuslugi(Optional<String> secret, Set<GatewayAuth> auth, boolean tokens,
            Optional<String> issuer, Optional<String> clientSecret) {
        return new CallbackSettings(URL, secret, auth, tokens, issuer, clientSecret, NONE, NONE);
    }

    @Test
    void aGosuslugiUrlWithoutItsSecretRefusesToStart() {
        assertThatThrownBy(() -> gosuslugi(NONE, Set.of(GatewayAuth.SIGNATURE), false, NONE, NONE).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OTKLIK_DELIVERY_GOSUSLUGI_SECRET").hasMessageContaining("unsigned");
        assertThat(gosuslugi(Optional.of("  "), Set.of(GatewayAuth.SIGNATURE), false, NONE, NONE).problems()).hasSize(1);
    }

    @Test
    void clientCredentialsNeedTheTokenClientsSettings() {
        assertThat(gosuslugi(NONE, Set.of(GatewayAuth.CLIENT_CREDENTIALS), false, Optional.of("http://127.0.0.1:9/unused"),
                Optional.of("unset")).problems())
                .singleElement().asString()
                .contains("OTKLIK_DELIVERY_GOSUSLUGI_TOKEN_ENABLED", "OTKLIK_DELIVERY_GOSUSLUGI_TOKEN_ISSUER",
                        "OTKLIK_DELIVERY_GOSUSLUGI_CLIENT_SECRET");
        assertThat(gosuslugi(SECRET, Set.of(GatewayAuth.SIGNATURE, GatewayAuth.CLIENT_CREDENTIALS), true,
                Optional.of("https://idp.example.org/realms/pos"), NONE).problems())
                .singleElement().asString().contains("credentials.secret");
        assertThatCode(() -> gosuslugi(NONE, Set.of(GatewayAuth.CLIENT_CREDENTIALS), true,
                Optional.of("https://idp.example.org/realms/pos"), Optional.of("s3cret")).check()).doesNotThrowAnyException();
        assertThat(gosuslugi(SECRET, Set.of(), false, NONE, NONE).problems()).hasSize(1);
    }

    @Test
    void aSocialUrlWithoutItsSecretRefusesToStart() {
        assertThatThrownBy(() -> new CallbackSettings(NONE, NONE, Set.of(GatewayAuth.SIGNATURE), false, NONE, NONE,
                Optional.of("https://monitoring.example.org/reply"), NONE).check())
                .hasMessageContaining("OTKLIK_DELIVERY_SOCIAL_SECRET");
    }

    @Test
    void withoutDestinationsOrWithTheirSecretsItStarts() {
        assertThat(new CallbackSettings(NONE, NONE, Set.of(GatewayAuth.SIGNATURE), false, NONE, NONE, NONE, NONE).problems()).isEmpty();
        assertThat(new CallbackSettings(URL, SECRET, Set.of(GatewayAuth.SIGNATURE), false, NONE, NONE,
                Optional.of("https://monitoring.example.org/reply"), SECRET).problems()).isEmpty();
    }
}
