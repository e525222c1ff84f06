package org.otklik.delivery;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.delivery.DeliveryConfig.GatewayAuth;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;

/** The client-credentials access token of the Gosuslugi gateway, fetched once and reused until it expires. */
@ApplicationScoped
public class GatewayTokens {

    static final String CLIENT = "gosuslugi";

    private final OidcClients clients;
    private final DeliveryConfig config;
    private volatile Tokens current;

    public GatewayTokens(OidcClients clients, DeliveryConfig config) {
        this.clients = clients;
        this.config = config;
    }

    public Uni<Optional<String>> bearer() {
        if (!config.gosuslugiAuth().contains(GatewayAuth.CLIENT_CREDENTIALS)) {
            return Uni.createFrom().item(Optional.empty());
        }
        Tokens tokens = current;
        if (tokens != null && !tokens.isAccessTokenExpired()) {
            return Uni.createFrom().item(Optional.of(tokens.getAccessToken()));
        }
        return clients.getClient(CLIENT).getTokens()
                .invoke(fresh -> current = fresh)
                .map(fresh -> Optional.of(fresh.getAccessToken()));
    }
}
