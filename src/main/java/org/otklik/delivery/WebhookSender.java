package org.otklik.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.observability.Tracing;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * POSTs one signed payload. The host is resolved and checked first, and the connection goes to
 * the checked address, so a DNS answer cannot change between the check and the request.
 * Redirects are not followed and at most 64 KiB of an answer is read.
 */
@ApplicationScoped
public class WebhookSender {

    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpClient client;
    private final DestinationGuard guard;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Tracing tracing;

    public WebhookSender(Vertx vertx, DestinationGuard guard, DeliveryConfig config, Clock clock, Tracing tracing) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.requestTimeout().toSeconds())
                .setMaxPoolSize(16)
                .setKeepAlive(true));
        this.guard = guard;
        this.config = config;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** What came back: a status (0 when no answer arrived), the Retry-After header and, unless 2xx, why it failed. */
    public record Result(int status, Optional<String> retryAfter, DeliveryFailure failure) {

        static Result failed(DeliveryFailure failure) {
            return new Result(0, Optional.empty(), failure);
        }

        public String error() {
            return failure == null ? null : failure.message();
        }

        public String errorKind() {
            return failure == null ? null : failure.kind().name();
        }
    }

    public Uni<Result> send(URI url, String eventId, List<String> secrets, Optional<String> bearer, String payload) {
        try {
            guard.checkUrl(url);
        } catch (UnsafeDestinationException e) {
            return Uni.createFrom().item(Result.failed(DeliveryFailure.refused(e)));
        }
        return Uni.createFrom().item(() -> resolve(url.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(addresses -> {
                    guard.checkAddresses(url.getHost(), addresses);
                    // W3C trace context goes out with every webhook and callback (none with tracing off).
                    return tracing.clientCall("POST webhook", traceHeaders ->
                            post(url, addresses.get(0), eventId, secrets, bearer, payload, traceHeaders));
                })
                .onFailure(UnsafeDestinationException.class)
                .recoverWithItem(e -> Result.failed(DeliveryFailure.refused((UnsafeDestinationException) e)))
                .onFailure().recoverWithItem(e -> Result.failed(DeliveryFailure.of(e, config.requestTimeout())));
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new UnsafeDestinationException("cannot resolve " + host);
        }
    }

    private Uni<Result> post(URI url, InetAddress address, String eventId, List<String> secrets, Optional<String> bearer,
            String payload, Map<String, String> traceHeaders) {
        boolean https = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (https ? 443 : 80);
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()
                        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
                .setFollowRedirects(false)
                .setTimeout(config.requestTimeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Otklik-Webhooks/1")
                .putHeader("webhook-id", eventId)
                .putHeader("webhook-timestamp", Long.toString(timestamp));
        bearer.ifPresent(token -> options.putHeader("Authorization", "Bearer " + token));
        traceHeaders.forEach(options::putHeader);
        if (!secrets.isEmpty()) {
            options.putHeader("webhook-signature", WebhookSigner.signatureHeader(secrets, eventId, timestamp, payload));
        }
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(payload)))
                .chain(response -> readCapped(response)
                        .map(body -> new Result(response.statusCode(), Optional.ofNullable(response.getHeader("Retry-After")),
                                response.statusCode() / 100 == 2 ? null : DeliveryFailure.http(response.statusCode()))))
                .ifNoItem().after(config.requestTimeout().plus(Duration.ofSeconds(1))).failWith(() ->
                        new java.util.concurrent.TimeoutException("no answer within " + config.requestTimeout().toSeconds() + " s"));
    }

    private static Uni<String> readCapped(io.vertx.mutiny.core.http.HttpClientResponse response) {
        return Uni.createFrom().emitter(emitter -> {
            StringBuilder body = new StringBuilder();
            int[] read = { 0 };
            response.handler(buffer -> {
                if (read[0] < MAX_RESPONSE_BYTES) {
                    int take = Math.min(buffer.length(), MAX_RESPONSE_BYTES - read[0]);
                    body.append(buffer.getString(0, take));
                    read[0] += take;
                    if (read[0] >= MAX_RESPONSE_BYTES) {
                        response.request().connection().closeAndForget();
                        emitter.complete(body.toString());
                    }
                }
            });
            response.endHandler(() -> emitter.complete(body.toString()));
            response.exceptionHandler(failure -> emitter.complete(body.toString()));
        });
    }
}
