package org.otklik.common.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long a request may wait for the database before it is answered 503. The connection settings
 * themselves (host, port, schema) are plain {@code otklik.db.*} properties read by the datasource.
 */
@ConfigMapping(prefix = "otklik.db.wait")
public interface DatabaseConfig {

    /** Bound on opening a TCP connection to PostgreSQL (or the pooler). */
    @WithDefault("500ms")
    Duration connect();

    /** Bound on waiting for a pooled connection, opening one included. */
    @WithDefault("800ms")
    Duration acquire();

    /**
     * A connection that neither sends nor receives for this long is closed: a handshake or a query
     * stuck on a dead peer ends here. Longer than the statement timeout, so no legitimate query is cut.
     */
    @WithDefault("30s")
    Duration socketIdle();

    /** Requests allowed to queue for a connection before new ones are answered 503 at once. */
    @WithDefault("1000")
    int maxQueue();

    /** Seconds announced in Retry-After when the database is unavailable. */
    @WithDefault("5")
    int retryAfterSeconds();
}
