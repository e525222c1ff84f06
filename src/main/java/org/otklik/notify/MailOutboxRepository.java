package org.otklik.notify;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.notice.NoticeFollowers.NoticeChange;
import org.otklik.notify.MailOutbox.NewMail;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the mail outbox keeps besides its rows (those are the delivery feature's {@code outbox_delivery}, written by
 * its {@code OutboxRepository}): the mails held until their address is confirmed ({@code mail_held}) and the notice
 * events mails show ({@code mail_notice_event}). It decides, in the mail's transaction, whether a mail may be
 * written now ({@link MailOutbox}).
 */
@ApplicationScoped
public class MailOutboxRepository {

    /** A held mail released by its confirmation, with the confirmed address. */
    public record HeldMail(UUID eventId, String eventType, Long incidentId, String incidentNumber, String payload,
            String list, Instant occurredAt, String address) {
    }

    /** A notice event a mail shows: its type and the notice's public view (JSON) at that moment. */
    public record NoticeEvent(String eventType, String content) {
    }

    // sent only if the resident has not unsubscribed from the list, the address was not refused for them, and it is
    // vouched for or confirmed; held (mail_held) while its confirmation is pending
    private static final String ADMIT = """
            with confirmation as (
                select id, confirmed_at from mail_confirmation where subject = cast($9 as varchar) and address = cast($7 as varchar)),
            opted_out as (select 1 from mail_opt_out where mail_list = cast($8 as varchar)),
            held as (
                insert into mail_held (confirmation_id, event_id, event_type, incident_id, incident_number, payload, mail_list,
                    occurred_at)
                select c.id, cast($1 as uuid), cast($2 as varchar), cast($3 as bigint), cast($4 as varchar), cast($5 as text),
                    cast($8 as varchar), cast($6 as timestamptz)
                from confirmation c
                where not cast($10 as boolean) and c.confirmed_at is null and not exists (select 1 from opted_out)
                on conflict do nothing)
            select not exists (select 1 from opted_out)
              and not exists (select 1 from mail_refusal where subject = cast($9 as varchar) and address = cast($7 as varchar))
              and (cast($10 as boolean) or exists (select 1 from confirmation where confirmed_at is not null)) as admitted""";

    private final Pool pool;

    public MailOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * In the mail's pool transaction: whether the mail may be written to the outbox now; a mail whose address
     * waits for confirmation is held meanwhile.
     */
    public Uni<Boolean> admit(SqlConnection transaction, NewMail mail) {
        return transaction.preparedQuery(ADMIT)
                .execute(Tuple.from(new Object[] { mail.eventId(), mail.eventType(), mail.incidentId(), mail.incidentNumber(),
                        mail.payload(), utc(mail.at()), mail.recipient(), mail.list(), mail.subject(), mail.vouched() }))
                .map(rows -> rows.iterator().next().getBoolean("admitted"));
    }

    /** Keeps the notice as it is now, for the mails and digests about this event, in the change's pool transaction. */
    public Uni<Void> insertNoticeEvent(SqlConnection transaction, NoticeChange change, UUID eventId, String content) {
        return transaction.preparedQuery("insert into mail_notice_event (event_id, notice_id, event_type, content, occurred_at)"
                        + " values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(eventId, change.noticeId(), change.type(), content, utc(change.occurredAt())))
                .replaceWithVoid();
    }

    /**
     * Takes the mails a confirmed address held, in their order, leaving out those whose list or address was refused
     * since; in the confirmation's transaction.
     */
    public Uni<List<HeldMail>> takeHeld(SqlConnection transaction, UUID confirmationId) {
        return transaction.preparedQuery("""
                with taken as (
                    delete from mail_held where confirmation_id = $1
                    returning seq, confirmation_id, event_id, event_type, incident_id, incident_number, payload, mail_list,
                        occurred_at)
                select h.event_id, h.event_type, h.incident_id, h.incident_number, h.payload, h.mail_list, h.occurred_at,
                    c.address
                from taken h join mail_confirmation c on c.id = h.confirmation_id
                where not exists (select 1 from mail_opt_out o where o.mail_list = h.mail_list)
                  and not exists (select 1 from mail_refusal f where f.subject = c.subject and f.address = c.address)
                order by h.seq""")
                .execute(Tuple.of(confirmationId))
                .map(rows -> {
                    List<HeldMail> held = new ArrayList<>();
                    for (Row row : rows) {
                        held.add(new HeldMail(row.getUUID("event_id"), row.getString("event_type"), row.getLong("incident_id"),
                                row.getString("incident_number"), row.getString("payload"), row.getString("mail_list"),
                                row.getOffsetDateTime("occurred_at").toInstant(), row.getString("address")));
                    }
                    return held;
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

}
