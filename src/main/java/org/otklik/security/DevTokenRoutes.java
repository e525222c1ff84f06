package org.otklik.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev mode only: {@code GET /dev/token/{user}} returns an access token of a demo user from the
 * built-in OIDC dev server, so that curl users need not find that server's random port. The
 * integration service accounts are demo users too ({@code gosuslugi-pos}, {@code social-monitoring}).
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevTokenRoutes {

    private final String authServerUrl;
    private final String clientId;
    private final String clientSecret;

    public DevTokenRoutes(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.client-id") String clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") String clientSecret) {
        this.authServerUrl = authServerUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient();
        router.get("/dev/token/:user").handler(ctx -> issue(ctx, client));
    }

    private void issue(RoutingContext ctx, HttpClient client) {
        String user = ctx.pathParam("user");
        String form = "grant_type=password&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&username=" + encode(user) + "&password=" + encode(user);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(authServerUrl + "/token")
                .putHeader("Content-Type", "application/x-www-form-urlencoded");
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(form)))
                .compose(response -> response.body())
                .onSuccess(body -> {
                    String token = new JsonObject(body).getString("access_token");
                    if (token == null) {
                        ctx.response().setStatusCode(502).end("the OIDC dev server refused: " + body + "\n");
                    } else {
                        ctx.response().putHeader("Content-Type", "text/plain").end(token + "\n");
                    }
                })
                .onFailure(failure -> ctx.response().setStatusCode(502).end("OIDC dev server unavailable\n"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
