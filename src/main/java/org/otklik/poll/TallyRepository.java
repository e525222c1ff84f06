package org.otklik.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.AdvisoryLocks;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tally aggregate: folding deltas into it, reading it, and checking it against the ballots. */
@ApplicationScoped
public class TallyRepository {

    /** One tally row: votes for a key within a group of a dimension. */
    public record TallyRow(String dimension, String group, String key, long votes) {
    }

    public record Difference(String dimension, String group, String key, long ballots, long tallies) {
    }

    /** Ballots by the number of ballots their transaction committed: 1, 2 to 9, 10 or more. */
    public record BatchSizes(long single, long small, long large) {
    }

    public record Comparison(long ballots, long participations, long pendingDeltas, List<Difference> differences,
            BatchSizes batchSizes) {
    }

    /** The scope of the tallies' advisory locks ({@link AdvisoryLocks}). */
    private static final String LOCKS = "poll-tally";

    /** The advisory lock that lets one refresher at a time fold deltas. */
    private static final String FOLD_LOCK = "fold";

    /** The advisory lock that lets one replica at a time run the consistency check. */
    static final String CHECK_LOCK = "check";

    private static final String GROUPS = """
            cross join lateral (values ('ALL', ''), ('DISTRICT', %1$s.district), ('CHANNEL', %1$s.channel)) g (dimension, group_value)
            cross join lateral unnest(%1$s.tally_keys) k (tally_key)""";

    private static final String FOLD = """
            with batch as (
                delete from poll_tally_delta
                where id in (select id from poll_tally_delta order by id limit $1)
                returning poll_id, dimension, group_value, tally_key, votes),
            folded as (
                insert into poll_tally (poll_id, dimension, group_value, tally_key, votes)
                select poll_id, dimension, group_value, tally_key, sum(votes)
                from batch
                group by 1, 2, 3, 4
                on conflict (poll_id, dimension, group_value, tally_key)
                do update set votes = poll_tally.votes + excluded.votes
                returning 1)
            select (select count(*) from batch) as deltas, (select count(*) from folded) as rows""";

    private static final String COMPARE = """
            with expected as (
                select g.dimension, g.group_value, k.tally_key, count(*) as votes
                from poll_ballot b
                %s
                where b.poll_id = $1
                group by 1, 2, 3),
            actual as (
                select dimension, group_value, tally_key, sum(votes) as votes from (
                    select dimension, group_value, tally_key, votes from poll_tally where poll_id = $1
                    union all
                    select dimension, group_value, tally_key, votes from poll_tally_delta where poll_id = $1) t
                group by 1, 2, 3)
            select coalesce(e.dimension, a.dimension) as dimension, coalesce(e.group_value, a.group_value) as group_value,
                   coalesce(e.tally_key, a.tally_key) as tally_key, coalesce(e.votes, 0) as ballots,
                   coalesce(a.votes, 0) as tallies
            from expected e
            full join actual a on a.dimension = e.dimension and a.group_value = e.group_value and a.tally_key = e.tally_key
            where coalesce(e.votes, 0) <> coalesce(a.votes, 0)
            order by 1, 2, 3
            limit 1000""".formatted(GROUPS.formatted("b"));

    private static final String COUNTS = """
            select (select count(*) from poll_ballot where poll_id = $1) as ballots,
                   (select count(*) from poll_participation where poll_id = $1) as participations,
                   (select coalesce(sum(votes), 0) from poll_tally_delta
                    where poll_id = $1 and dimension = 'ALL' and tally_key = '') as pending,
                   count(*) filter (where batch_size = 1) as single,
                   count(*) filter (where batch_size between 2 and 9) as small,
                   count(*) filter (where batch_size >= 10) as large
            from poll_ballot where poll_id = $1""";

    private final Pool pool;

    public TallyRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Folds up to {@code batchSize} deltas into the tallies and deletes them, in one transaction.
     * Waits for a concurrent refresher, so that when this returns every delta committed before it
     * started has been folded. Returns the number of deltas folded.
     */
    public Uni<Long> foldDeltas(int batchSize) {
        return pool.withTransaction(connection -> AdvisoryLocks.lock(connection, LOCKS, FOLD_LOCK)
                .chain(() -> connection.preparedQuery(FOLD).execute(Tuple.of(batchSize)))
                .map(rows -> rows.iterator().next().getLong("deltas")));
    }

    /**
     * Runs the work while a transaction holds an advisory lock, on one replica at a time; empty when
     * another replica holds it. A transaction-level lock, so that it also holds behind PgBouncer in
     * transaction mode, and goes with the transaction if the replica dies.
     */
    public <T> Uni<Optional<T>> exclusively(String lock, Supplier<Uni<T>> work) {
        return pool.withTransaction(connection -> AdvisoryLocks.tryLock(connection, LOCKS, lock)
                .chain(locked -> !locked
                        ? Uni.createFrom().item(Optional.<T>empty())
                        : Uni.createFrom().deferred(work::get).map(Optional::ofNullable)));
    }

    public Uni<List<TallyRow>> tallies(UUID pollId) {
        return pool.preparedQuery("select dimension, group_value, tally_key, votes from poll_tally where poll_id = $1")
                .execute(Tuple.of(pollId))
                .map(rows -> {
                    List<TallyRow> tallies = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        tallies.add(new TallyRow(row.getString("dimension"), row.getString("group_value"),
                                row.getString("tally_key"), row.getLong("votes")));
                    }
                    return tallies;
                });
    }

    /**
     * Recounts the poll's ballots and compares them with the tallies plus the deltas not yet folded,
     * all in one repeatable-read snapshot (a vote writes its ballot and delta in one transaction; a
     * fold moves deltas into tallies in one transaction).
     */
    public Uni<Comparison> compare(UUID pollId) {
        Tuple poll = Tuple.of(pollId);
        return pool.withTransaction(connection -> connection
                .query("set transaction isolation level repeatable read read only").execute()
                .chain(() -> connection.preparedQuery(COMPARE).execute(poll))
                .chain(differenceRows -> {
                    List<Difference> differences = new ArrayList<>();
                    for (Row row : differenceRows) {
                        differences.add(new Difference(row.getString("dimension"), row.getString("group_value"),
                                row.getString("tally_key"), row.getLong("ballots"), row.getLong("tallies")));
                    }
                    return connection.preparedQuery(COUNTS)
                            .execute(poll)
                            .map(rows -> {
                                Row counts = rows.iterator().next();
                                return new Comparison(counts.getLong("ballots"), counts.getLong("participations"),
                                        counts.getLong("pending"), differences, new BatchSizes(counts.getLong("single"),
                                                counts.getLong("small"), counts.getLong("large")));
                            });
                }));
    }

    /** Polls whose tallies can still change or just did: the scheduled check looks at these. */
    public Uni<List<UUID>> pollsToCheck() {
        return pool.query("""
                        select id from poll
                        where status in ('PUBLISHED', 'CLOSED') and opens_at <= now() and closes_at > now() - interval '1 day'
                        order by id""")
                .execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }
}
