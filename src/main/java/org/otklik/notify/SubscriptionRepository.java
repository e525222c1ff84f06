package org.otklik.notify;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.notice.NoticeFollowers.NoticeChange;

import org.otklik.notify.SubscriptionViews.Delivery;
import org.otklik.notify.SubscriptionViews.EmailSource;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Residents following notices ({@code notice_subscriber}) and what they follow ({@code notice_subscription}). */
@ApplicationScoped
public class SubscriptionRepository {

    public record Subscriber(UUID id, String subject, String email, EmailSource emailSource, String language,
            Integer digestHour, OffsetDateTime nextDigestAt, boolean refused, boolean confirmed) {
    }

    public record StoredItem(UUID id, String districtCode, String categoryCode, Delivery delivery) {
    }

    /** A count of subscriptions of one district or topic, per delivery. */
    public record GroupCount(String code, Delivery delivery, long count) {
    }

    private final Pool pool;

    public SubscriptionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Subscriber>> find(String subject) {
        return pool.preparedQuery("select r.*, exists (select 1 from mail_refusal f where f.subject = r.subject"
                + " and f.address = r.email) as refused, r.email_source = 'TOKEN' or exists (select 1 from mail_confirmation c"
                + " where c.subject = r.subject and c.address = r.email and c.confirmed_at is not null) as confirmed"
                + " from notice_subscriber r where r.subject = $1")
                .execute(Tuple.of(subject))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(subscriberOf(rows.iterator().next())));
    }

    public Uni<List<StoredItem>> items(UUID subscriberId) {
        return pool.preparedQuery("select id, district_code, category_code, delivery from notice_subscription"
                + " where subscriber_id = $1 order by district_code, category_code nulls first, delivery")
                .execute(Tuple.of(subscriberId))
                .map(rows -> {
                    List<StoredItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(new StoredItem(row.getUUID("id"), row.getString("district_code"), row.getString("category_code"),
                                Delivery.valueOf(row.getString("delivery"))));
                    }
                    return items;
                });
    }

    /**
     * Creates or updates the resident's row (locking it, so that two replacements of one resident's subscriptions
     * follow each other) and returns its id. The next digest keeps its time while the hour stays the same.
     */
    public Uni<UUID> upsert(SqlConnection transaction, String subject, String email, EmailSource source, String language,
            Integer digestHour, Instant nextDigestAt, Instant now) {
        return transaction.preparedQuery("""
                insert into notice_subscriber (id, subject, email, email_source, language, digest_hour, next_digest_at,
                    created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
                on conflict (subject) do update set email = excluded.email, email_source = excluded.email_source,
                    language = excluded.language, digest_hour = excluded.digest_hour,
                    next_digest_at = case
                        when excluded.digest_hour is null then null
                        when notice_subscriber.digest_hour = excluded.digest_hour then notice_subscriber.next_digest_at
                        else excluded.next_digest_at end,
                    updated_at = excluded.updated_at
                returning id""")
                .execute(Tuple.from(new Object[] { UUID.randomUUID(), subject, email, source.name(), language,
                        digestHour == null ? null : digestHour.shortValue(), utc(nextDigestAt),
                        utc(now) }))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    /** Replaces the subscriber's subscriptions; without digest ones, the entries waiting for a digest go too. */
    public Uni<Void> replaceItems(SqlConnection transaction, UUID subscriberId, List<SubscriptionViews.Item> items) {
        List<Tuple> rows = items.stream().map(item -> Tuple.of(UUID.randomUUID(), subscriberId, item.districtCode(),
                item.categoryCode(), item.delivery().name())).toList();
        boolean digest = items.stream().anyMatch(item -> item.delivery() == Delivery.DAILY_DIGEST);
        return transaction.preparedQuery("delete from notice_subscription where subscriber_id = $1").execute(Tuple.of(subscriberId))
                .chain(() -> transaction.preparedQuery("insert into notice_subscription (id, subscriber_id, district_code,"
                        + " category_code, delivery) values ($1, $2, $3, $4, $5)").executeBatch(rows))
                .chain(() -> digest ? Uni.createFrom().voidItem()
                        : transaction.preparedQuery("delete from notice_digest_entry where subscriber_id = $1")
                                .execute(Tuple.of(subscriberId)).replaceWithVoid())
                .replaceWithVoid();
    }

    /** Deletes the resident's row and everything it follows; its id when there was one. */
    public Uni<Optional<UUID>> delete(SqlConnection transaction, String subject) {
        return transaction.preparedQuery("delete from notice_subscriber where subject = $1 returning id")
                .execute(Tuple.of(subject))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** Stops one kind of delivery of a subscriber (one-click unsubscribe); stopping digests clears their hour. */
    public Uni<Void> stop(SqlConnection transaction, UUID subscriberId, Delivery delivery) {
        Uni<Void> items = transaction.preparedQuery("delete from notice_subscription where subscriber_id = $1 and delivery = $2")
                .execute(Tuple.of(subscriberId, delivery.name())).replaceWithVoid();
        if (delivery == Delivery.IMMEDIATE) {
            return items;
        }
        return items.chain(() -> transaction.preparedQuery("delete from notice_digest_entry where subscriber_id = $1")
                        .execute(Tuple.of(subscriberId)))
                .chain(() -> transaction.preparedQuery("update notice_subscriber set digest_hour = null, next_digest_at = null"
                        + " where id = $1").execute(Tuple.of(subscriberId)))
                .replaceWithVoid();
    }

    /** A resident whose daily digest is due. */
    public record DueDigest(UUID id, String subject, String email, String emailSource, String language, int hour) {
    }

    /** Takes up to {@code limit} residents whose digest is due at {@code now}, locked; rows others hold are skipped. */
    public Uni<List<DueDigest>> takeDueDigests(SqlConnection transaction, Instant now, int limit) {
        return transaction.preparedQuery("""
                select id, subject, email, email_source, language, digest_hour from notice_subscriber
                where next_digest_at <= $1 order by next_digest_at limit $2 for update skip locked""")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<DueDigest> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new DueDigest(row.getUUID("id"), row.getString("subject"), row.getString("email"),
                                row.getString("email_source"), row.getString("language"), row.getShort("digest_hour")));
                    }
                    return due;
                });
    }

    /** Deletes the entries gathered for the residents' digests; each resident's notice events, oldest first. */
    public Uni<Map<UUID, List<UUID>>> takeDigestEntries(SqlConnection transaction, UUID[] subscriberIds) {
        return transaction.preparedQuery("delete from notice_digest_entry where subscriber_id = any($1)"
                + " returning subscriber_id, event_id, occurred_at")
                .execute(Tuple.of(subscriberIds))
                .map(rows -> {
                    List<Row> entries = new ArrayList<>();
                    rows.forEach(entries::add);
                    entries.sort(Comparator.comparing(row -> row.getOffsetDateTime("occurred_at")));
                    Map<UUID, List<UUID>> events = new LinkedHashMap<>();
                    entries.forEach(row -> events.computeIfAbsent(row.getUUID("subscriber_id"), id -> new ArrayList<>())
                            .add(row.getUUID("event_id")));
                    return events;
                });
    }

    /** Sets each resident's next digest time. */
    public Uni<Void> scheduleDigests(SqlConnection transaction, UUID[] subscriberIds, OffsetDateTime[] next) {
        return transaction.preparedQuery("update notice_subscriber r set next_digest_at = v.next"
                + " from unnest($1::uuid[], $2::timestamptz[]) as v(id, next) where r.id = v.id")
                .execute(Tuple.of(subscriberIds, next)).replaceWithVoid();
    }

    /**
     * In the change's pool transaction: enters a notice's event into the next digest of every confirmed follower of
     * the daily digest whom it concerns (a later event of the same notice replaces the earlier one).
     */
    public Uni<Void> gatherForDigests(SqlConnection transaction, NoticeChange change, UUID eventId) {
        return transaction.preparedQuery("""
                        insert into notice_digest_entry (subscriber_id, notice_id, event_id, occurred_at)
                        select r.id, $2, $1, $3
                        from notice_subscriber r
                        where r.next_digest_at is not null and """ + CONFIRMED + """
                          and exists (select 1 from notice_subscription s where s.subscriber_id = r.id
                                        and s.delivery = 'DAILY_DIGEST' and """ + matching(4, 5) + """
                        )
                        on conflict (subscriber_id, notice_id)
                            do update set event_id = excluded.event_id, occurred_at = excluded.occurred_at""")
                .execute(Tuple.from(followers(change, eventId)))
                .replaceWithVoid();
    }

    /** A follower who wants a notice's mails at once: the address, the mail's list and its facts (JSON). */
    public record ImmediateFollower(String email, String list, String payload) {
    }

    /** In the change's pool transaction: the confirmed, unrefused followers who want the notice's mails at once. */
    public Uni<List<ImmediateFollower>> followingAtOnce(SqlConnection transaction, NoticeChange change, UUID eventId) {
        return transaction.preparedQuery("""
                        select r.email, 'n:' || r.id as mail_list,
                            cast(json_build_object('kind', 'NOTICE', 'language', r.language, 'subject', r.subject,
                                'list', 'n:' || r.id, 'noticeEvents', json_build_array(cast($1 as text))) as text) as payload
                        from notice_subscriber r
                        where exists (select 1 from notice_subscription s where s.subscriber_id = r.id
                                        and s.delivery = 'IMMEDIATE' and """ + matching(2, 3) + """
                        )
                          and not exists (select 1 from mail_refusal f where f.subject = r.subject and f.address = r.email)
                          and """ + CONFIRMED)
                .execute(Tuple.of(eventId.toString(), change.districtCodes().toArray(String[]::new),
                        change.topics().toArray(String[]::new)))
                .map(rows -> {
                    List<ImmediateFollower> followers = new ArrayList<>();
                    for (Row row : rows) {
                        followers.add(new ImmediateFollower(row.getString("email"), row.getString("mail_list"), row.getString("payload")));
                    }
                    return followers;
                });
    }

    /** The subscriber {@code r}'s address is the token's, or one they confirmed (double opt-in). */
    private static final String CONFIRMED = "(r.email_source = 'TOKEN' or exists (select 1 from mail_confirmation c"
            + " where c.subject = r.subject and c.address = r.email and c.confirmed_at is not null))";

    /**
     * A subscription {@code s} matches: its district is one of the notice's (parameter {@code districts}; empty: the
     * notice covers the whole city), its topic one the notice concerns (parameter {@code topics}) or none.
     */
    private static String matching(int districts, int topics) {
        // leading space: the text block before it ends in "and", its trailing blank stripped
        return " (cardinality(cast($" + districts + " as text[])) = 0 or s.district_code = any(cast($" + districts
                + " as text[]))) and (s.category_code is null or s.category_code = any(cast($" + topics + " as text[])))";
    }

    /** The parameters of {@link #matching} after the event, the notice and the time: $1 … $5. */
    private static List<Object> followers(NoticeChange change, UUID eventId) {
        return new ArrayList<>(List.of(eventId, change.noticeId(), utc(change.occurredAt()),
                change.districtCodes().toArray(String[]::new), change.topics().toArray(String[]::new)));
    }

    /** Residents following anything. */
    public Uni<Long> subscriberCount() {
        return pool.query("select count(distinct subscriber_id) from notice_subscription").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Subscriptions per district (byDistrict) or per topic, and delivery. */
    public Uni<List<GroupCount>> counts(boolean byDistrict) {
        String column = byDistrict ? "district_code" : "category_code";
        return pool.query("select " + column + " as code, delivery, count(*) as n from notice_subscription group by "
                + column + ", delivery order by " + column + " nulls first, delivery").execute()
                .map(rows -> {
                    List<GroupCount> counts = new ArrayList<>();
                    for (Row row : rows) {
                        counts.add(new GroupCount(row.getString("code"), Delivery.valueOf(row.getString("delivery")),
                                row.getLong("n")));
                    }
                    return counts;
                });
    }

    private static Subscriber subscriberOf(Row row) {
        Short hour = row.getShort("digest_hour");
        return new Subscriber(row.getUUID("id"), row.getString("subject"), row.getString("email"),
                EmailSource.valueOf(row.getString("email_source")), row.getString("language"),
                hour == null ? null : hour.intValue(), row.getOffsetDateTime("next_digest_at"), row.getBoolean("refused"),
                row.getBoolean("confirmed"));
    }
}
