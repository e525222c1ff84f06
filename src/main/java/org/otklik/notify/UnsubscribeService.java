package org.otklik.notify;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.notify.SubscriptionViews.Delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One-click unsubscribe (RFC 8058): a signed token names one list, and only that list stops — the mails about one
 * message, the notices mailed at once, or the daily digest — with its pending mails. Repeating it changes nothing.
 */
@ApplicationScoped
public class UnsubscribeService {

    /** What a token stops. */
    public enum Stopped {
        INCIDENT,
        IMMEDIATE_NOTICES,
        DAILY_DIGEST
    }

    private final UnsubscribeTokens tokens;
    private final SubscriptionRepository subscriptions;
    private final MailOutbox mails;
    private final RecipientRepository recipients;
    private final Pool pool;
    private final Clock clock;

    public UnsubscribeService(UnsubscribeTokens tokens, SubscriptionRepository subscriptions, MailOutbox mails,
            RecipientRepository recipients, Pool pool, Clock clock) {
        this.tokens = tokens;
        this.subscriptions = subscriptions;
        this.mails = mails;
        this.recipients = recipients;
        this.pool = pool;
        this.clock = clock;
    }

    /** What the token would stop; 400 for a token that is not ours. */
    public Stopped check(String token) {
        return stoppedBy(list(token));
    }

    public Uni<Stopped> unsubscribe(String token) {
        String list = list(token);
        Stopped stopped = stoppedBy(list);
        return pool.withTransaction(transaction -> stop(transaction, list, stopped)
                .chain(() -> mails.cancelPendingOfList(transaction, list)))
                .replaceWith(stopped);
    }

    private Uni<Void> stop(SqlConnection transaction, String list, Stopped stopped) {
        return switch (stopped) {
            case INCIDENT -> recipients.optOut(transaction, list, clock.instant());
            case IMMEDIATE_NOTICES -> subscriptions.stop(transaction, UUID.fromString(list.substring(2)), Delivery.IMMEDIATE);
            case DAILY_DIGEST -> subscriptions.stop(transaction, UUID.fromString(list.substring(2)), Delivery.DAILY_DIGEST);
        };
    }

    private String list(String token) {
        return tokens.verify(token).orElseThrow(() -> ProblemException.badParameter("token",
                "not a valid unsubscribe link; use the link of the mail as it came"));
    }

    private static Stopped stoppedBy(String list) {
        return switch (list.charAt(0)) {
            case 'i', 's' -> Stopped.INCIDENT;
            case 'n' -> Stopped.IMMEDIATE_NOTICES;
            default -> Stopped.DAILY_DIGEST;
        };
    }
}
