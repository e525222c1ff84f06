package org.otklik.delivery;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement on {@code webhook_subscription}, all on the pool; the subscribers of an event are read inside
 * the transaction that writes the outbox.
 */
@ApplicationScoped
public class WebhookSubscriptionRepository {

    /** A subscription without its secrets. */
    public record SubscriptionRow(UUID id, String url, List<String> events, boolean active, String disabledReason,
            OffsetDateTime createdAt) {
    }

    private final Pool pool;

    public WebhookSubscriptionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The active subscribers of an event type, oldest first, in the change's pool transaction. */
    public Uni<List<UUID>> activeSubscribersOf(SqlConnection transaction, String eventType) {
        return transaction.preparedQuery(
                "select id from webhook_subscription where active and $1 = any(events) order by created_at")
                .execute(Tuple.of(eventType))
                .map(rows -> {
                    List<UUID> ids = new java.util.ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    public Uni<Void> insert(UUID id, String url, List<String> events, String secret, Instant createdAt, String createdBy) {
        return pool.preparedQuery("insert into webhook_subscription (id, url, events, secret, created_at, created_by)"
                + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(List.of(id, url, events.toArray(String[]::new), secret, utc(createdAt), createdBy)))
                .replaceWithVoid();
    }

    /** All subscriptions, disabled ones included, oldest first. */
    public Uni<List<SubscriptionRow>> all() {
        return pool.query("select id, url, events, active, disabled_reason, created_at from webhook_subscription order by created_at")
                .execute().map(rows -> {
                    List<SubscriptionRow> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new SubscriptionRow(row.getUUID("id"), row.getString("url"),
                                Arrays.asList(row.getArrayOfStrings("events")), row.getBoolean("active"),
                                row.getString("disabled_reason"), row.getOffsetDateTime("created_at")));
                    }
                    return list;
                });
    }

    /**
     * Puts in a new secret; the old one stays valid as the previous secret until {@code previousUntil}. Empty when
     * there is no such active subscription.
     */
    public Uni<Optional<SubscriptionRow>> rotateSecret(UUID id, String secret, Instant previousUntil) {
        return pool.preparedQuery("update webhook_subscription set previous_secret = secret, previous_secret_until = $2,"
                + " secret = $3 where id = $1 and active returning id, url, events, created_at")
                .execute(Tuple.of(id, utc(previousUntil), secret))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new SubscriptionRow(row.getUUID("id"), row.getString("url"),
                            Arrays.asList(row.getArrayOfStrings("events")), true, null, row.getOffsetDateTime("created_at")));
                });
    }

    /** An admin deletes an active subscription, inside the given pool transaction; false when none was active. */
    public Uni<Boolean> deleteByAdmin(SqlConnection transaction, UUID id) {
        return transaction.preparedQuery("update webhook_subscription set active = false, disabled_reason = 'deleted by an admin'"
                + " where id = $1 and active")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Disables a subscription for {@code reason}, inside the given pool transaction. */
    public Uni<Void> disable(SqlConnection transaction, UUID id, String reason) {
        return transaction.preparedQuery("update webhook_subscription set active = false, disabled_reason = $2 where id = $1")
                .execute(Tuple.of(id, reason))
                .replaceWithVoid();
    }

}
