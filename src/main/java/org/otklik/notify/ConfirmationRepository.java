package org.otklik.notify;

import static org.otklik.common.database.SqlTimestamps.utc;

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
 * Addresses residents confirmed (double opt-in), per resident and address. Mail rows consult it as they are
 * written, and are held until the address is confirmed ({@link MailOutboxRepository}).
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
                .execute(Tuple.of(UUID.randomUUID(), subject, address, utc(now),
                        utc(now.minus(RESEND_AFTER))))
                .map(rows -> first(rows).map(row -> row.getUUID("id")));
    }

    /** Records an address the resident's token verifies as confirmed. */
    public Uni<Void> vouch(SqlConnection transaction, String subject, String address, Instant now) {
        return transaction.preparedQuery("""
                insert into mail_confirmation (id, subject, address, requested_at, confirmed_at) values ($1, $2, $3, $4, $4)
                on conflict (subject, address) do update set confirmed_at = coalesce(mail_confirmation.confirmed_at, excluded.confirmed_at)""")
                .execute(Tuple.of(UUID.randomUUID(), subject, address, utc(now))).replaceWithVoid();
    }

    public Uni<Boolean> isConfirmed(String subject, String address) {
        return pool.preparedQuery("select 1 from mail_confirmation where subject = $1 and address = $2 and confirmed_at is not null")
                .execute(Tuple.of(subject, address)).map(rows -> rows.size() > 0);
    }

    /**
     * Confirms a pending address requested after {@code requestedAfter}, in the transaction that releases the mails it
     * held ({@link MailOutbox#releaseHeld}). Repeating it changes nothing.
     */
    public Uni<Outcome> confirm(SqlConnection transaction, UUID id, Instant now, Instant requestedAfter) {
        return transaction.preparedQuery("""
                update mail_confirmation set confirmed_at = $2
                where id = $1 and confirmed_at is null and requested_at > $3 returning address""")
                .execute(Tuple.of(id, utc(now), utc(requestedAfter)))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(Outcome.CONFIRMED)
                        : transaction.preparedQuery("select 1 from mail_confirmation where id = $1 and confirmed_at is not null")
                                .execute(Tuple.of(id))
                                .map(found -> found.size() > 0 ? Outcome.ALREADY_CONFIRMED : Outcome.UNKNOWN));
    }

    /** Forgets addresses not confirmed in time, with the mails they held. @return how many went */
    public Uni<Integer> forgetUnconfirmedBefore(Instant requestedBefore) {
        return pool.preparedQuery("delete from mail_confirmation where confirmed_at is null and requested_at < $1")
                .execute(Tuple.of(utc(requestedBefore))).map(RowSet::rowCount);
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
