package org.otklik.delivery;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every write of {@code outbox_delivery}: the rows of events ({@link DeliveryOutbox}) and the residents' mails (the
 * notify feature decides who gets one, and when; the rows are written here), in the transaction of the change
 * they report; the relays' claims and results; an admin's retry and cancellations. Every update of a relay is
 * fenced by the {@code lease_number} it claimed: it changes nothing once the row was taken over, retried or
 * cancelled (the methods answer how many rows changed, 0 or 1). The delivery log reads the table through
 * {@link DeliveryLogRepository}.
 */
@ApplicationScoped
public class OutboxRepository {

    /** A new row, pending from {@code at}. */
    public record NewDelivery(UUID eventId, String type, Long incidentId, String incidentNumber, Long noticeId,
            DeliveryOutbox.Destination destination, UUID subscriptionId, String payload, Instant at) {
    }

    /** A row the relay claimed, with its webhook subscription's address, secrets and state (null for other destinations). */
    public record ClaimedRow(UUID id, long leaseNumber, UUID eventId, String destination, UUID subscriptionId, String payload,
            int attempts, String url, String secret, String previousSecret, Boolean subscriptionActive) {
    }

    /**
     * A resident's mail, pending from {@code dueAt}; {@code incidentId} and {@code incidentNumber} only for a mail
     * about an incident, {@code noticeId} only for a mail about one notice.
     */
    public record MailRow(UUID eventId, String eventType, Long incidentId, String incidentNumber, Long noticeId,
            String payload, String recipient, String list, Instant createdAt, Instant dueAt) {
    }

    /** A mail row the mail relay claimed. */
    public record ClaimedMail(UUID id, long leaseNumber, UUID eventId, String eventType, String payload, int attempts,
            String recipient) {
    }

    private final Pool pool;

    public OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds a pending row in a pool transaction. */
    public Uni<Void> insert(SqlConnection transaction, NewDelivery row) {
        OffsetDateTime now = utc(row.at());
        return transaction.preparedQuery("""
                insert into outbox_delivery (id, event_id, event_type, incident_id, incident_number, notice_id, destination,
                    subscription_id, payload, state, attempts, next_attempt_at, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', 0, $10, $10)""")
                .execute(Tuple.from(new Object[] { UUID.randomUUID(), row.eventId(), row.type(), row.incidentId(),
                        row.incidentNumber(), row.noticeId(), row.destination().name(), row.subscriptionId(), row.payload(),
                        now }))
                .replaceWithVoid();
    }

    /** Adds mail rows in a pool transaction, in their order; a mail already written for the event and address is skipped. */
    public Uni<Void> insertMails(SqlConnection transaction, List<MailRow> mails) {
        if (mails.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery("""
                insert into outbox_delivery (id, event_id, event_type, incident_id, incident_number, notice_id, destination,
                    payload, state, attempts, next_attempt_at, created_at, recipient, mail_list)
                values ($1, $2, $3, $4, $5, $6, 'MAIL', $7, 'PENDING', 0, $8, $9, $10, $11)
                on conflict do nothing""")
                .executeBatch(mails.stream().map(mail -> Tuple.from(new Object[] { UUID.randomUUID(), mail.eventId(),
                        mail.eventType(), mail.incidentId(), mail.incidentNumber(), mail.noticeId(), mail.payload(),
                        utc(mail.dueAt()), utc(mail.createdAt()), mail.recipient(), mail.list() })).toList())
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due rows (mails aside: {@link #claimDueMails}, for notify's mail relay) until
     * {@code leasedUntil}, each under its next lease number. A row is due
     * when no earlier row of the same incident and destination is still pending; rows another relay is claiming
     * right now are skipped ({@code SKIP LOCKED}).
     */
    public Uni<List<ClaimedRow>> claimDue(Instant now, int limit, Instant leasedUntil) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                with due as (
                    select d.id from outbox_delivery d
                    where d.state = 'PENDING' and d.next_attempt_at <= $1 and (d.leased_until is null or d.leased_until < $1)
                      and d.destination <> 'MAIL'
                      and not exists (select 1 from outbox_delivery e
                                      where e.incident_id = d.incident_id and e.destination = d.destination
                                        and e.subscription_id is not distinct from d.subscription_id
                                        and e.state = 'PENDING' and e.seq < d.seq)
                    order by d.seq
                    limit $2
                    for update of d skip locked)
                update outbox_delivery o set leased_until = $3, lease_number = o.lease_number + 1
                from due where o.id = due.id
                returning o.id, o.lease_number, o.event_id, o.destination, o.subscription_id, o.payload, o.attempts, o.seq,
                    (select s.url from webhook_subscription s where s.id = o.subscription_id) as url,
                    (select s.secret from webhook_subscription s where s.id = o.subscription_id) as secret,
                    (select s.previous_secret from webhook_subscription s where s.id = o.subscription_id
                        and s.previous_secret_until > $1) as previous_secret,
                    (select s.active from webhook_subscription s where s.id = o.subscription_id) as active""")
                .execute(Tuple.of(utc(now), limit, utc(leasedUntil))))
                .map(rows -> {
                    List<ClaimedRow> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new ClaimedRow(row.getUUID("id"), row.getLong("lease_number"), row.getUUID("event_id"),
                                row.getString("destination"), row.getUUID("subscription_id"), row.getString("payload"),
                                row.getInteger("attempts"), row.getString("url"), row.getString("secret"),
                                row.getString("previous_secret"), row.getBoolean("active")));
                    }
                    return claimed;
                });
    }

    /**
     * Claims up to {@code limit} due mail rows until {@code leasedUntil}, each under its next lease number; the mails
     * about one incident to one address go in order.
     */
    public Uni<List<ClaimedMail>> claimDueMails(Instant now, int limit, Instant leasedUntil) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                with due as (
                    select d.id from outbox_delivery d
                    where d.destination = 'MAIL' and d.state = 'PENDING' and d.next_attempt_at <= $1
                      and (d.leased_until is null or d.leased_until < $1)
                      and not exists (select 1 from outbox_delivery e
                                      where e.incident_id = d.incident_id and e.destination = 'MAIL'
                                        and e.recipient = d.recipient and e.state = 'PENDING' and e.seq < d.seq)
                    order by d.seq
                    limit $2
                    for update of d skip locked)
                update outbox_delivery o set leased_until = $3, lease_number = o.lease_number + 1
                from due where o.id = due.id
                returning o.id, o.lease_number, o.event_id, o.event_type, o.payload, o.attempts, o.recipient""")
                .execute(Tuple.of(utc(now), limit, utc(leasedUntil))))
                .map(rows -> {
                    List<ClaimedMail> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new ClaimedMail(row.getUUID("id"), row.getLong("lease_number"), row.getUUID("event_id"),
                                row.getString("event_type"), row.getString("payload"), row.getInteger("attempts"),
                                row.getString("recipient")));
                    }
                    return claimed;
                });
    }

    /** Extends the leases of the given rows (id to lease number) that are still pending under that number. */
    public Uni<Integer> renewLeases(Map<UUID, Long> held, Instant leasedUntil) {
        List<UUID> ids = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        held.forEach((id, number) -> {
            ids.add(id);
            numbers.add(number);
        });
        return pool.preparedQuery("""
                update outbox_delivery o set leased_until = $1
                from unnest($2::uuid[], $3::bigint[]) as mine(id, lease_number)
                where o.id = mine.id and o.lease_number = mine.lease_number and o.state = 'PENDING'""")
                .execute(Tuple.of(utc(leasedUntil), ids.toArray(UUID[]::new), numbers.toArray(Long[]::new)))
                .map(RowSet::rowCount);
    }

    /** A failed attempt that will be tried again at {@code next}. */
    public Uni<Integer> retryLater(UUID id, long leaseNumber, Instant next, Integer status, String error) {
        return retryLater(id, leaseNumber, next, status, error, null);
    }

    /** As above, with the failure's kind ({@link DeliveryFailure.Kind}). */
    public Uni<Integer> retryLater(UUID id, long leaseNumber, Instant next, Integer status, String error, String errorKind) {
        return pool.preparedQuery("""
                update outbox_delivery set attempts = attempts + 1, next_attempt_at = $2, leased_until = null,
                    last_status = $3, last_error = $4, last_error_kind = $6
                where id = $1 and lease_number = $5 and state = 'PENDING'""")
                .execute(Tuple.from(Arrays.asList(id, utc(next), status, error, leaseNumber, errorKind)))
                .map(RowSet::rowCount);
    }

    /** The last attempt: the row leaves PENDING for {@code state}. */
    public Uni<Integer> finish(UUID id, long leaseNumber, String state, Integer status, String error, Instant deliveredAt) {
        return finish(id, leaseNumber, state, status, error, null, deliveredAt);
    }

    /** As above, with the failure's kind ({@link DeliveryFailure.Kind}). */
    public Uni<Integer> finish(UUID id, long leaseNumber, String state, Integer status, String error, String errorKind,
            Instant deliveredAt) {
        return pool.preparedQuery("""
                update outbox_delivery set state = $2, attempts = attempts + 1, leased_until = null, last_status = $3,
                    last_error = $4, delivered_at = $5, last_error_kind = $7
                where id = $1 and lease_number = $6 and state = 'PENDING'""")
                .execute(Tuple.from(Arrays.asList(id, state, status, error,
                        deliveredAt == null ? null : utc(deliveredAt), leaseNumber, errorKind)))
                .map(RowSet::rowCount);
    }

    /** Not attempted now (the destination's circuit is open): due again at {@code next}, attempts unchanged. */
    public Uni<Integer> reschedule(UUID id, long leaseNumber, Instant next) {
        return pool.preparedQuery("update outbox_delivery set next_attempt_at = $2, leased_until = null"
                + " where id = $1 and lease_number = $3 and state = 'PENDING'")
                .execute(Tuple.of(id, utc(next), leaseNumber))
                .map(RowSet::rowCount);
    }

    /** Cancels the pending rows of a webhook subscription, inside the given pool transaction. */
    public Uni<Void> cancelPendingOf(SqlConnection transaction, UUID subscriptionId) {
        return transaction.preparedQuery(
                "update outbox_delivery set state = 'CANCELLED', leased_until = null where subscription_id = $1 and state = 'PENDING'")
                .execute(Tuple.of(subscriptionId))
                .replaceWithVoid();
    }

    /** Cancels the pending mails of a list (after an unsubscribe), in the given transaction. */
    public Uni<Integer> cancelPendingMailsOfList(SqlConnection transaction, String list) {
        return transaction.preparedQuery("update outbox_delivery set state = 'CANCELLED', leased_until = null,"
                + " last_error = 'unsubscribed' where destination = 'MAIL' and state = 'PENDING' and mail_list = $1")
                .execute(Tuple.of(list))
                .map(RowSet::rowCount);
    }

    /** Cancels the pending mails to an address the server refused, in the given transaction. */
    public Uni<Integer> cancelPendingMailsTo(SqlConnection transaction, String address, String reason) {
        return transaction.preparedQuery("update outbox_delivery set state = 'CANCELLED', leased_until = null,"
                + " last_error = $2 where destination = 'MAIL' and state = 'PENDING' and recipient = $1")
                .execute(Tuple.of(address, reason))
                .map(RowSet::rowCount);
    }

    /**
     * Makes a dead row, or a pending one that no relay holds, pending again now with a fresh set of attempts and
     * the next lease number; empty when the row is in another state, held, or missing.
     */
    public Uni<Optional<DeliveryLogRepository.DeliveryRow>> retryNow(UUID id, Instant now) {
        return pool.preparedQuery("update outbox_delivery set state = 'PENDING', attempts = 0, next_attempt_at = $2,"
                + " leased_until = null, lease_number = lease_number + 1 where id = $1"
                + " and (state = 'DEAD' or (state = 'PENDING' and (leased_until is null or leased_until < $2))) returning *")
                .execute(Tuple.of(id, utc(now)))
                .map(rows -> DeliveryLogRepository.deliveryRows(rows).stream().findFirst());
    }

}
