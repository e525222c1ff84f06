package org.otklik.notify;

import java.time.Duration;
import java.time.Instant;
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
 * Addresses residents confirmed (double opt-in), per resident and address, and the mails held until they do.
 * Mail rows consult it as they are written ({@link MailOutboxRepository}).
 */
@ApplicationScoped
public class ConfirmationRepository {

    /** A confirmation mail is sent again for a pending address at most this often. */
    static final Duration RESEND_AFTER = Duration.ofHours(1);

    /** What following a confirmation link did. */
    public enum Outcome {
        CONFIRMED,
        ALREADY_CONFIRMED,
        UNKNOWN
    }

    private final Pool pool;

    public ConfirmationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Asks for the address to be confirmed, unless it is already. @return the confirmation whose mail to send now:
     * a new one, or a pending one last mailed more than {@link #RESEND_AFTER} ago; empty when confirmed or mailed lately
     */
    public Uni<Optional<UUID>> request(SqlConnection transaction, String subject, String address, Instant now) {
        return transaction.preparedQuery("""
                insert into mail_confirmation (id, subject, address, requested_at) values ($1, $2, $3, $4)
                on conflict (subject, address) do update set requested_at = excluded.requested_at
                    where mail_confirmation.confirmed_at is null and mail_confirmation.requested_at < $5
                returning id""")
                .execute(Tuple.of(UUID.randomUUID(), subject, address, MailOutboxRepository.utc(now),
                        MailOutboxRepository.utc(now.minus(RESEND_AFTER))))
                .map(rows -> first(rows).map(row -> row.getUUID("id")));
    }

    /** Records an address the resident's token verifies as confirmed. */
    public Uni<Void> vouch(SqlConnection transaction, String subject, String address, Instant now) {
        return transaction.preparedQuery("""
                insert into mail_confirmation (id, subject, address, requested_at, confirmed_at) values ($1, $2, $3, $4, $4)
                on conflict (subject, address) do update set confirmed_at = coalesce(mail_confirmation.confirmed_at, excluded.confirmed_at)""")
                .execute(Tuple.of(UUID.randomUUID(), subject, address, MailOutboxRepository.utc(now))).replaceWithVoid();
    }

    public Uni<Boolean> isConfirmed(String subject, String address) {
        return pool.preparedQuery("select 1 from mail_confirmation where subject = $1 and address = $2 and confirmed_at is not null")
                .execute(Tuple.of(subject, address)).map(rows -> rows.size() > 0);
    }

    /**
     * Confirms a pending address requested after {@code requestedAfter} and moves the mails it held to the outbox,
     * in their order, in one transaction. Repeating it changes nothing.
     */
    public Uni<Outcome> confirm(UUID id, Instant now, Instant requestedAfter) {
        return pool.withTransaction(transaction -> transaction.preparedQuery("""
                update mail_confirmation set confirmed_at = $2
                where id = $1 and confirmed_at is null and requested_at > $3 returning address""")
                .execute(Tuple.of(id, MailOutboxRepository.utc(now), MailOutboxRepository.utc(requestedAfter)))
                .chain(rows -> rows.size() > 0 ? release(transaction, id, now).replaceWith(Outcome.CONFIRMED)
                        : transaction.preparedQuery("select 1 from mail_confirmation where id = $1 and confirmed_at is not null")
                                .execute(Tuple.of(id))
                                .map(found -> found.size() > 0 ? Outcome.ALREADY_CONFIRMED : Outcome.UNKNOWN)));
    }

    private Uni<Void> release(SqlConnection transaction, UUID id, Instant now) {
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
                .execute(Tuple.of(id, MailOutboxRepository.utc(now)))
                .chain(() -> transaction.preparedQuery("delete from mail_held where confirmation_id = $1").execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    /** Forgets addresses not confirmed in time, with the mails they held. @return how many went */
    public Uni<Integer> forgetUnconfirmedBefore(Instant requestedBefore) {
        return pool.preparedQuery("delete from mail_confirmation where confirmed_at is null and requested_at < $1")
                .execute(Tuple.of(MailOutboxRepository.utc(requestedBefore))).map(RowSet::rowCount);
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
