package org.otklik.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP receiver on 127.0.0.1 for the delivery tests. Each path answers from a script of
 * responses (then 200 once the script is used up) and records every request it got.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted answer: a status, an optional Retry-After, or a stall longer than the relay waits. */
    public record Reply(int status, String retryAfter, long stallMillis, String location, int bodyBytes) {
        public static Reply status(int status) {
            return new Reply(status, null, 0, null, 0);
        }

        public static Reply retryAfter(int status, String retryAfter) {
            return new Reply(status, retryAfter, 0, null, 0);
        }

        public static Reply stall(long millis) {
            return new Reply(200, null, millis, null, 0);
        }

        public static Reply redirect(String location) {
            return new Reply(302, null, 0, location, 0);
        }

        public static Reply hugeBody(int bytes) {
            return new Reply(200, null, 0, null, bytes);
        }
    }

    private static HttpServer server;
    private static final Map<String, Deque<Reply>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, Reply> ALWAYS = new ConcurrentHashMap<>();
    private static final List<Received> RECEIVED = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", WebhookReceiver::handle);
        server.start();
        String base = baseUrl();
        return Map.ofEntries(
                Map.entry("otklik.delivery.gosuslugi-url", base + "/gosuslugi/callback"),
                Map.entry("otklik.delivery.gosuslugi-secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Map.entry("otklik.delivery.gosuslugi-auth", "SIGNATURE,CLIENT_CREDENTIALS"),
                Map.entry("quarkus.oidc-client.gosuslugi.client-enabled", "true"),
                Map.entry("quarkus.oidc-client.gosuslugi.auth-server-url", base + "/idp"),
                Map.entry("quarkus.oidc-client.gosuslugi.discovery-enabled", "false"),
                Map.entry("quarkus.oidc-client.gosuslugi.token-path", "/token"),
                Map.entry("quarkus.oidc-client.gosuslugi.credentials.secret", "gateway-client-secret-for-tests"),
                Map.entry("otklik.delivery.social-url", base + "/social/reply"),
                Map.entry("otklik.delivery.social-secret", "whsec_c29jaWFsLW1vbml0b3JpbmctdGVzdHMtMTIzNA"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static void script(String path, Reply... replies) {
        SCRIPTS.put(path, new ConcurrentLinkedDeque<>(List.of(replies)));
    }

    public static void always(String path, Reply reply) {
        ALWAYS.put(path, reply);
    }

    public static void reset(String path) {
        SCRIPTS.remove(path);
        ALWAYS.remove(path);
    }

    public static List<Received> received(String path) {
        synchronized (RECEIVED) {
            return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** The gateway's identity provider: every client-credentials request gets the same token. */
    public static final String GATEWAY_TOKEN = "gateway-access-token-for-tests";

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/idp/token")) {
            byte[] token = ("{\"access_token\":\"" + GATEWAY_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, token.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(token);
            }
            exchange.close();
            return;
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RECEIVED.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = ALWAYS.get(path);
        if (reply == null) {
            Deque<Reply> script = SCRIPTS.get(path);
            reply = script == null ? null : script.poll();
        }
        if (reply == null) {
            reply = Reply.status(200);
        }
        if (reply.stallMillis() > 0) {
            try {
                Thread.sleep(reply.stallMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
        }
        if (reply.location() != null) {
            exchange.getResponseHeaders().add("Location", reply.location());
        }
        byte[] answer = reply.bodyBytes() > 0 ? "x".repeat(reply.bodyBytes()).getBytes(StandardCharsets.UTF_8)
                : "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(reply.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException closedByTheRelay) {
            // the relay gave up waiting and closed the connection
        } finally {
            exchange.close();
        }
    }
}
