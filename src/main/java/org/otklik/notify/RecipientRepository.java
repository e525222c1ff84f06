package org.otklik.notify;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** What is known of an address: refused by the mail server for a resident, and how many mails it got today. */
@ApplicationScoped
public class RecipientRepository {

    private final Pool pool;

    public RecipientRepository(Pool pool) {
        this.pool = pool;
    }

    /** A supporter of an incident who follows it by mail. */
    public record Follower(String subject, String address) {
    }

    public Uni<java.util.List<Follower>> followersOf(long incidentId) {
        return pool.preparedQuery("select subject, notify_email from incident_supporter"
                + " where incident_id = $1 and notify_email is not null order by created_at")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    java.util.List<Follower> followers = new java.util.ArrayList<>();
                    rows.forEach(row -> followers.add(new Follower(row.getString("subject"), row.getString("notify_email"))));
                    return followers;
                });
    }

    public Uni<Boolean> isRefused(String subject, String address) {
        return pool.preparedQuery("select 1 from mail_refusal where subject = $1 and address = $2")
                .execute(Tuple.of(subject, address))
                .map(rows -> rows.size() > 0);
    }

    /** Stops the mails of one list (one-click unsubscribe); repeating it changes nothing. */
    public Uni<Void> optOut(SqlConnection transaction, String list, Instant at) {
        return transaction.preparedQuery("insert into mail_opt_out (mail_list, at) values ($1, $2) on conflict (mail_list) do nothing")
                .execute(Tuple.of(list, utc(at))).replaceWithVoid();
    }

    /** Records that the server refused the address for good; the resident's next mails to it are not written. */
    public Uni<Void> refuse(SqlConnection transaction, String subject, String address, int replyCode, Instant at) {
        return transaction.preparedQuery("insert into mail_refusal (subject, address, reply_code, at) values ($1, $2, $3, $4)"
                + " on conflict (subject, address) do nothing")
                .execute(Tuple.of(subject, address, replyCode, utc(at)))
                .replaceWithVoid();
    }

    /**
     * Counts one more mail to the address on the city day, unless it already got {@code max}: true when counted.
     * One statement, so that relays on several instances never let more than {@code max} through.
     */
    public Uni<Boolean> countOne(String address, LocalDate day, int max) {
        return pool.preparedQuery("""
                insert into mail_daily_count (address, day, sent) values ($1, $2, 1)
                on conflict (address, day) do update set sent = mail_daily_count.sent + 1
                    where mail_daily_count.sent < $3
                returning sent""")
                .execute(Tuple.of(address, day, max))
                .map(rows -> rows.size() > 0);
    }

    /** Forgets the counts of days before {@code day}. */
    public Uni<Integer> forgetCountsBefore(LocalDate day) {
        return pool.preparedQuery("delete from mail_daily_count where day < $1").execute(Tuple.of(day))
                .map(rows -> rows.rowCount());
    }
}
