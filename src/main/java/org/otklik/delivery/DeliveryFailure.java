package org.otklik.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Why an attempt failed, as staff read it: a stable kind and a plain message, never an exception's class
 * name, stack frame or the receiver's answer body (which may hold anything).
 */
public record DeliveryFailure(Kind kind, String message) {

    public enum Kind {
        /** The receiver answered with a status that is not 2xx. */
        HTTP_STATUS,
        CONNECTION_REFUSED,
        TIMEOUT,
        /** The connection broke before an answer came. */
        CONNECTION_CLOSED,
        TLS,
        UNREACHABLE,
        /** The destination is one deliveries never go to (see {@link RefusedRanges}), or cannot be resolved. */
        DESTINATION_REFUSED,
        /** The gateway's access token could not be obtained. */
        NO_ACCESS_TOKEN,
        OTHER
    }

    public static DeliveryFailure http(int status) {
        return new DeliveryFailure(Kind.HTTP_STATUS, "HTTP " + status + " from the receiver");
    }

    public static DeliveryFailure refused(UnsafeDestinationException refusal) {
        return new DeliveryFailure(Kind.DESTINATION_REFUSED, "refused: " + refusal.getMessage());
    }

    public static DeliveryFailure noAccessToken() {
        return new DeliveryFailure(Kind.NO_ACCESS_TOKEN, "no access token for the gateway");
    }

    /** The kind of a failure without an answer; {@code timeout} is the request timeout it ran into, if that was it. */
    public static DeliveryFailure of(Throwable failure, Duration timeout) {
        String seconds = timeout.toSeconds() + " s";
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnsafeDestinationException refusal) {
                return refused(refusal);
            }
            String name = cause.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof TimeoutException || name.contains("timeout") || text.contains("timed out")
                    || text.contains("timeout period")) {
                return new DeliveryFailure(Kind.TIMEOUT, "timed out after " + seconds);
            }
            if (cause instanceof ConnectException) {
                return text.contains("refused")
                        ? new DeliveryFailure(Kind.CONNECTION_REFUSED, "connection refused")
                        : new DeliveryFailure(Kind.UNREACHABLE, "could not connect");
            }
            if (cause instanceof NoRouteToHostException || text.contains("unreachable")) {
                return new DeliveryFailure(Kind.UNREACHABLE, "network unreachable");
            }
            if (cause instanceof UnknownHostException) {
                return new DeliveryFailure(Kind.DESTINATION_REFUSED, "the host cannot be resolved");
            }
            if (cause instanceof SSLException) {
                return new DeliveryFailure(Kind.TLS, "TLS handshake failed");
            }
            if (cause instanceof ClosedChannelException || name.contains("closed") || text.contains("connection was closed")
                    || text.contains("connection reset")) {
                return new DeliveryFailure(Kind.CONNECTION_CLOSED, "connection closed before an answer");
            }
        }
        return new DeliveryFailure(Kind.OTHER, "delivery failed");
    }
}
