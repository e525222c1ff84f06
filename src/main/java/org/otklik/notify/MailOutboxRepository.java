package org.otklik.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.notice.NoticeFollowers.NoticeChange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The mail rows of {@code outbox_delivery} (destination MAIL), the mails held until their address is confirmed
 * ({@code mail_held}) and the notice events they show. Rows are written
 * in the transaction of their event; the relay claims them like the answer relay claims its rows (lease, lease
 * number, {@code FOR UPDATE SKIP LOCKED}) and records results through the delivery feature's fenced updates.
 */
@ApplicationScoped
public class MailOutboxRepository {

    /**
     * A mail row to write; {@code incidentId} only for a mail about an incident.
     *
     * @param vouched the address needs no confirmation (the token verified it, or the mail is the confirmation);
     *        otherwise the mail is written only once the resident confirmed the address, and held until then
     */
    public record NewMail(UUID eventId, String eventType, Long incidentId, String incidentNumber, String payload,
            String recipient, String list, String subject, Instant at, boolean vouched) {
    }

    /** A mail row a relay claimed. */
    public record ClaimedMail(UUID id, long leaseNumber, UUID eventId, String eventType, String payload, int attempts,
            String recipient) {
    }

    /** A notice event a mail shows: its type and the notice's public view (JSON) at that moment. */
    public record NoticeEvent(String eventType, String content) {
    }

    // written only if the resident has not unsubscribed from the list, the address was not refused for them, and
    // it is vouched for or confirmed; held (mail_held) while its confirmation is pending
    private static final String INSERT_MAIL = """
            with confirmation as (
                select id, confirmed_at from mail_confirmation where subject = cast($10 as varchar) and address = cast($8 as varchar)),
            opted_out as (select 1 from mail_opt_out where mail_list = cast($9 as varchar)),
            held as (
                insert into mail_held (confirmation_id, event_id, event_type, incident_id, incident_number, payload, mail_list,
                    occurred_at)
                select c.id, cast($2 as uuid), cast($3 as varchar), cast($4 as bigint), cast($5 as varchar), cast($6 as text),
                    cast($9 as varchar), cast($7 as timestamptz)
                from confirmation c
                where not cast($11 as boolean) and c.confirmed_at is null and not exists (select 1 from opted_out)
                on conflict do nothing)
            insert into outbox_delivery (id, event_id, event_type, incident_id, incident_number, destination, payload, state,
                attempts, next_attempt_at, created_at, recipient, mail_list)
            select cast($1 as uuid), cast($2 as uuid), cast($3 as varchar), cast($4 as bigint), cast($5 as varchar), 'MAIL',
                cast($6 as text), 'PENDING', 0, cast($7 as timestamptz), cast($7 as timestamptz), cast($8 as varchar),
                cast($9 as varchar)
            where not exists (select 1 from opted_out)
              and not exists (select 1 from mail_refusal where subject = cast($10 as varchar) and address = cast($8 as varchar))
              and (cast($11 as boolean) or exists (select 1 from confirmation where confirmed_at is not null))
            on conflict do nothing""";

    private final Pool pool;

    public MailOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * In the change's pool transaction: keeps the notice as it is now ({@code mail_notice_event}) and writes one mail
     * row for every confirmed, unrefused follower who wants the notice's mails at once.
     */
    public Uni<Void> insertNoticeMails(SqlConnection transaction, NoticeChange change, UUID eventId, String content) {
        List<Object> parameters = SubscriptionRepository.followers(change, eventId);
        parameters.add(change.type());
        parameters.add(eventId.toString());
        return transaction.preparedQuery("insert into mail_notice_event (event_id, notice_id, event_type, content, occurred_at)"
                        + " values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(eventId, change.noticeId(), change.type(), content, utc(change.occurredAt())))
                .chain(() -> transaction.preparedQuery("""
                        insert into outbox_delivery (id, event_id, event_type, notice_id, destination, payload, state, attempts,
                            next_attempt_at, created_at, recipient, mail_list)
                        select gen_random_uuid(), $1, $6, $2, 'MAIL',
                            cast(json_build_object('kind', 'NOTICE', 'language', r.language, 'subject', r.subject,
                                'list', 'n:' || r.id, 'noticeEvents', json_build_array(cast($7 as text))) as text),
                            'PENDING', 0, $3, $3, r.email, 'n:' || r.id
                        from notice_subscriber r
                        where exists (select 1 from notice_subscription s where s.subscriber_id = r.id
                                        and s.delivery = 'IMMEDIATE' and """ + SubscriptionRepository.matching(4, 5) + """
                        )
                          and not exists (select 1 from mail_refusal f where f.subject = r.subject and f.address = r.email)
                          and """ + SubscriptionRepository.CONFIRMED + """
                        on conflict do nothing""").execute(Tuple.from(parameters)))
                .replaceWithVoid();
    }

    /** In a pool transaction (the intake's, the workflow's, a digest's or a confirmation's). */
    public Uni<Void> insert(SqlConnection transaction, NewMail mail) {
        return transaction.preparedQuery(INSERT_MAIL).execute(Tuple.from(values(mail))).replaceWithVoid();
    }

    private static Object[] values(NewMail mail) {
        return new Object[] { UUID.randomUUID(), mail.eventId(), mail.eventType(), mail.incidentId(), mail.incidentNumber(),
                mail.payload(), utc(mail.at()), mail.recipient(), mail.list(), mail.subject(), mail.vouched() };
    }

    /**
     * Claims up to {@code limit} due mail rows until {@code leasedUntil}, each under its next lease number; the mails
     * about one incident to one address go in order.
     */
    public Uni<List<ClaimedMail>> claimDue(Instant now, int limit, Instant leasedUntil) {
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

    /** The notice events of the given ids. */
    public Uni<Map<UUID, NoticeEvent>> noticeEvents(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select event_id, event_type, content from mail_notice_event where event_id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, NoticeEvent> events = new HashMap<>();
                    for (Row row : rows) {
                        events.put(row.getUUID("event_id"), new NoticeEvent(row.getString("event_type"), row.getString("content")));
                    }
                    return events;
                });
    }

    /** Cancels the pending mails of a list (after an unsubscribe), in the given transaction. */
    public Uni<Integer> cancelPendingOfList(SqlConnection transaction, String list) {
        return transaction.preparedQuery("update outbox_delivery set state = 'CANCELLED', leased_until = null,"
                + " last_error = 'unsubscribed' where destination = 'MAIL' and state = 'PENDING' and mail_list = $1")
                .execute(Tuple.of(list))
                .map(RowSet::rowCount);
    }

    /** Cancels the pending mails to an address the server refused, in the given transaction. */
    public Uni<Integer> cancelPendingTo(SqlConnection transaction, String address, String reason) {
        return transaction.preparedQuery("update outbox_delivery set state = 'CANCELLED', leased_until = null,"
                + " last_error = $2 where destination = 'MAIL' and state = 'PENDING' and recipient = $1")
                .execute(Tuple.of(address, reason))
                .map(RowSet::rowCount);
    }

    /** Moves the mails a confirmed address held to the outbox, in their order, unless their list or address was refused since. */
    public Uni<Void> releaseHeld(SqlConnection transaction, UUID confirmationId, Instant now) {
        return transaction.preparedQuery("""
                insert into outbox_delivery (id, event_id, event_type, incident_id, incident_number, destination, payload, state,
                    attempts, next_attempt_at, created_at, recipient, mail_list)
                select gen_random_uuid(), h.event_id, h.event_type, h.incident_id, h.incident_number, 'MAIL', h.payload,
                    'PENDING', 0, $2, h.occurred_at, c.address, h.mail_list
                from mail_held h join mail_confirmation c on c.id = h.confirmation_id
                where h.confirmation_id = $1
                  and not exists (select 1 from mail_opt_out o where o.mail_list = h.mail_list)
                  and not exists (select 1 from mail_refusal f where f.subject = c.subject and f.address = c.address)
                order by h.seq
                on conflict do nothing""")
                .execute(Tuple.of(confirmationId, utc(now)))
                .chain(() -> transaction.preparedQuery("delete from mail_held where confirmation_id = $1")
                        .execute(Tuple.of(confirmationId)))
                .replaceWithVoid();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
