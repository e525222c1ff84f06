package org.otklik.common.database;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reactive pool as Quarkus configures it, plus the bounds Quarkus has no setting for: a connect
 * timeout (Vert.x waits 60 s by default) and a bounded wait for a pooled connection (30 s by
 * default), and a socket idle timeout for peers that stop answering. With these, a request during a database outage fails within a second and is answered
 * 503 instead of hanging.
 */
@Singleton
public class DatabasePoolCreator implements PgPoolCreator {

    private final DatabaseConfig config;

    public DatabasePoolCreator(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        // Set on Quarkus' own option objects: PgConnectOptions' copy constructor (Vert.x 4.5) drops
        // useLayer7Proxy, which the pooler needs (k8s/base/pooler.yaml).
        PoolOptions pool = input.poolOptions()
                .setConnectionTimeout((int) config.acquire().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(config.maxQueue());
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        for (PgConnectOptions server : servers) {
            server.setConnectTimeout((int) config.connect().toMillis());
            server.setIdleTimeout((int) config.socketIdle().toMillis());
            server.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), servers, pool);
    }
}
