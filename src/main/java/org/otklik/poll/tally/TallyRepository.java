package org.otklik.poll.tally;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;
import org.otklik.common.database.OrderedIds;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tallies, written when a poll's ballots are opened: reading them, and checking them against the ballots and claims. */
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

    /**
     * Counts of one snapshot: claims, ballots sealed in them, ballots in poll_ballot (opened, or stored
     * in clear before sealing), participants in the tallies, and the recount of poll_ballot against the
     * tallies (only when asked for: before the opening there are no tallies).
     */
    public record Comparison(long ballots, long participations, long sealed, long tallied, List<Difference> differences,
            BatchSizes batchSizes) {
    }

    /** The scope of the tallies' advisory locks ({@link AdvisoryLockRepository}). */
    private static final String LOCKS = "poll-tally";

    /** The advisory lock that lets one replica at a time refresh the LIVE snapshots. */
    static final String LIVE_LOCK = "live";

    /** The advisory lock that lets one replica at a time run the consistency check. */
    static final String CHECK_LOCK = "check";

    private static final String GROUPS = """
            cross join lateral (values ('ALL', ''), ('DISTRICT', %1$s.district), ('CHANNEL', %1$s.channel)) g (dimension, group_value)
            cross join lateral unnest(%1$s.tally_keys) k (tally_key)""";

    private static final String COMPARE = """
            with expected as (
                select g.dimension, g.group_value, k.tally_key, count(*) as votes
                from poll_ballot b
                %s
                where b.poll_id = $1
                group by 1, 2, 3),
            actual as (
                select dimension, group_value, tally_key, votes from poll_tally where poll_id = $1)
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
                   (select count(*) from poll_participation where poll_id = $1 and sealed is not null) as sealed,
                   (select coalesce(sum(votes), 0) from poll_tally
                    where poll_id = $1 and dimension = 'ALL' and group_value = '' and tally_key = '') as tallied,
                   count(*) filter (where batch_size = 1) as single,
                   count(*) filter (where batch_size between 2 and 9) as small,
                   count(*) filter (where batch_size >= 10) as large
            from poll_ballot where poll_id = $1""";

    private final Pool pool;

    public TallyRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs the work while a transaction holds an advisory lock, on one replica at a time; empty when
     * another replica holds it. A transaction-level lock, so that it also holds behind PgBouncer in
     * transaction mode, and goes with the transaction if the replica dies.
     */
    public <T> Uni<Optional<T>> exclusively(String lock, Supplier<Uni<T>> work) {
        return pool.withTransaction(connection -> AdvisoryLockRepository.tryLock(connection, LOCKS, lock)
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
     * Counts claims, sealed and opened ballots and tallies in one repeatable-read snapshot, and with
     * {@code recount} recounts the poll's ballots and compares them with its tallies.
     */
    public Uni<Comparison> compare(UUID pollId, boolean recount) {
        Tuple poll = Tuple.of(pollId);
        return pool.withTransaction(connection -> connection
                .query("set transaction isolation level repeatable read read only").execute()
                .chain(() -> recount ? connection.preparedQuery(COMPARE).execute(poll).<Iterable<Row>>map(rows -> rows)
                        : Uni.createFrom().<Iterable<Row>>item(List.of()))
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
                                        counts.getLong("sealed"), counts.getLong("tallied"), differences, new BatchSizes(counts.getLong("single"),
                                                counts.getLong("small"), counts.getLong("large")));
                            });
                }));
    }

    /** Polls whose tallies can still change or just did: the scheduled check looks at these. */
    public Uni<List<UUID>> pollsToCheck(Instant now) {
        return pool.preparedQuery("""
                        select id from poll
                        where status in ('PUBLISHED', 'CLOSED') and opens_at <= $1 and closes_at > $1 - interval '1 day'
                        order by id""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(OrderedIds::uuids);
    }
}
