package org.otklik.common.database;

import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * Tells a failure to reach the database apart from a failure of a statement. Only the first is
 * answered 503: a constraint violation or a bad query is our bug or the caller's, never an outage.
 */
public final class DatabaseOutage {

    /** SQLSTATE 53300 too_many_connections, 57P01-03 shutdown / not yet accepting connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57P01", "57P02", "57P03");

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof PgException pg) {
            // class 08: connection exceptions, also what PgBouncer sends when it cannot reach the server
            String state = pg.getSqlState();
            return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
        }
        if (cause instanceof java.net.ConnectException // refused, and Netty's ConnectTimeoutException
                || cause instanceof java.net.NoRouteToHostException
                || cause instanceof java.nio.channels.ClosedChannelException
                || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
            return true;
        }
        // The pool's bounded wait for a connection fails with a bare "Timeout" (or, when closing,
        // "Timeout waiting for connection"), both without a type of their own.
        String message = cause.getMessage();
        return (cause instanceof io.vertx.core.impl.NoStackTraceThrowable || cause instanceof io.vertx.core.VertxException)
                && message != null && (message.equals("Timeout") || message.startsWith("Timeout waiting for connection")
                        || message.equals("Connection refused") || message.startsWith("Pool closed"));
    }
}
