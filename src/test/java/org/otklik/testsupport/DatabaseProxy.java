package org.otklik.testsupport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP proxy on 127.0.0.1 between the reactive pool and PostgreSQL, which a test can cut and
 * restore. Flyway keeps migrating over JDBC straight to PostgreSQL; only the reactive URL goes
 * through the proxy. Cut: every open connection is closed and the port refuses new ones, as when
 * the database host goes away. Stall: connections are accepted but nothing is forwarded, as when
 * packets are dropped.
 */
public class DatabaseProxy implements QuarkusTestResourceLifecycleManager {

    private static Vertx vertx;
    private static NetClient client;
    private static NetServer server;
    private static int port;
    private static volatile boolean stalled;
    private static final Set<NetSocket> OPEN = ConcurrentHashMap.newKeySet();

    private static final String DB_HOST = env("OTKLIK_DB_HOST", "127.0.0.1");
    private static final int DB_PORT = Integer.parseInt(env("OTKLIK_DB_PORT", "5432"));
    private static final String DB_NAME = env("OTKLIK_DB_NAME", "postgres");

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        client = vertx.createNetClient();
        port = listen(0);
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/" + DB_NAME);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    /** Closes every proxied connection and stops listening: connecting is refused. */
    public static void cut() {
        await(server.close());
        server = null;
        OPEN.forEach(NetSocket::close);
        OPEN.clear();
    }

    /** Listens again on the same port and forwards as before; stalled connections are closed. */
    public static void restore() {
        if (stalled) {
            stalled = false;
            OPEN.forEach(NetSocket::close);
            OPEN.clear();
        }
        if (server == null) {
            listen(port);
        }
    }

    /** Closes every proxied connection and accepts new ones without ever forwarding a byte. */
    public static void stall() {
        stalled = true;
        OPEN.forEach(NetSocket::close);
        OPEN.clear();
    }

    private static int listen(int wanted) {
        server = vertx.createNetServer().connectHandler(DatabaseProxy::proxy);
        return await(server.listen(wanted, "127.0.0.1")).actualPort();
    }

    private static void proxy(NetSocket inbound) {
        OPEN.add(inbound);
        inbound.closeHandler(v -> OPEN.remove(inbound));
        if (stalled) {
            inbound.pause();
            return;
        }
        inbound.pause();
        client.connect(DB_PORT, DB_HOST).onComplete(result -> {
            if (result.failed()) {
                inbound.close();
                return;
            }
            NetSocket outbound = result.result();
            OPEN.add(outbound);
            outbound.closeHandler(v -> {
                OPEN.remove(outbound);
                inbound.close();
            });
            inbound.closeHandler(v -> {
                OPEN.remove(inbound);
                outbound.close();
            });
            inbound.pipeTo(outbound);
            outbound.pipeTo(inbound);
            inbound.resume();
        });
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the database proxy failed", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
