package org.otklik.poll.tally;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;
import org.otklik.common.database.OrderedIds;
import org.otklik.poll.PollState;
import org.otklik.poll.ballot.BallotRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of opening a poll's sealed ballots at close, and of reading them for LIVE results. */
@ApplicationScoped
public class BallotOpeningRepository {

    /** The poll's row, locked for the opening: one opener at a time, across instances. */
    public record OpeningState(boolean found, boolean opened, boolean due) {
    }

    private static final String LOCK_POLL = """
            select opened_at is not null as opened,
                   status in ('CLOSED', 'ARCHIVED') or (status = 'PUBLISHED' and closes_at <= statement_timestamp()) as due
            from poll where id = $1 for update""";

    private static final String FINAL_TALLIES = """
            insert into poll_tally (poll_id, dimension, group_value, tally_key, votes)
            select b.poll_id, g.dimension, g.group_value, k.tally_key, count(*)
            from poll_ballot b
            cross join lateral (values ('ALL', ''), ('DISTRICT', b.district), ('CHANNEL', b.channel)) g (dimension, group_value)
            cross join lateral unnest(b.tally_keys) k (tally_key)
            where b.poll_id = $1
            group by 1, 2, 3, 4""";

    private final Pool pool;

    public BallotOpeningRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Waits until no vote batch of the poll is being written (they hold its vote lock shared): every
     * batch that saw the poll open has committed when this returns, and later ones find it closed.
     */
    public Uni<Void> waitForVoteBatches(UUID pollId) {
        return pool.withTransaction(connection -> AdvisoryLockRepository.lock(connection, BallotRepository.VOTE_LOCKS, pollId));
    }

    /** Makes the transaction read one snapshot and write nothing. */
    public Uni<Void> readOnlySnapshot(SqlConnection transaction) {
        return transaction.query("set transaction isolation level repeatable read read only").execute().replaceWithVoid();
    }

    /**
     * A transaction for work over all of a poll's ballots: its statements may outlast the service's
     * statement timeout (sorting and writing millions of rows), so it lifts it for this transaction only.
     */
    public <T> Uni<T> inLongTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.query("set local statement_timeout = '1h'").execute()
                .chain(() -> work.apply(connection)));
    }

    public Uni<OpeningState> lockPoll(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery(LOCK_POLL).execute(Tuple.of(pollId)).map(rows -> {
            if (rows.size() == 0) {
                return new OpeningState(false, false, false);
            }
            Row row = rows.iterator().next();
            return new OpeningState(true, row.getBoolean("opened"), row.getBoolean("due"));
        });
    }

    public Uni<Long> countSealed(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("select count(*) from poll_participation where poll_id = $1 and sealed is not null")
                .execute(Tuple.of(pollId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Reads the poll's sealed ballots in chunks through a cursor inside the transaction, in the order
     * of SHA-256(salt || claim key): with a fresh random salt, a random order that neither the order of
     * the claims nor their keys predict. Each chunk is handed to {@code chunk} before the next is read.
     */
    public Uni<Void> forEachSealed(SqlConnection transaction, UUID pollId, byte[] salt, int chunkSize,
            Function<List<byte[]>, Uni<Void>> chunk) {
        return transaction.prepare("""
                        select sealed from poll_participation where poll_id = $1 and sealed is not null
                        order by sha256($2 || participation_key)""")
                .chain(statement -> {
                    Cursor cursor = statement.cursor(Tuple.of(pollId, Buffer.buffer(salt)));
                    return readAll(cursor, chunkSize, chunk).eventually(() -> cursor.close().chain(statement::close));
                });
    }

    private static Uni<Void> readAll(Cursor cursor, int chunkSize, Function<List<byte[]>, Uni<Void>> chunk) {
        return cursor.read(chunkSize).chain(rows -> {
            List<byte[]> sealed = new ArrayList<>(rows.size());
            for (Row row : rows) {
                sealed.add(row.getBuffer("sealed").getBytes());
            }
            Uni<Void> handled = sealed.isEmpty() ? Uni.createFrom().voidItem() : chunk.apply(sealed);
            return handled.chain(() -> cursor.hasMore() ? readAll(cursor, chunkSize, chunk) : Uni.createFrom().voidItem());
        });
    }

    /** Writes the final tallies from all the poll's ballots, replacing any. */
    public Uni<Void> writeFinalTallies(SqlConnection transaction, UUID pollId) {
        Tuple poll = Tuple.of(pollId);
        return transaction.preparedQuery("delete from poll_tally where poll_id = $1").execute(poll)
                .chain(() -> transaction.preparedQuery(FINAL_TALLIES).execute(poll))
                .replaceWithVoid();
    }

    /** The ballots the poll holds. */
    public Uni<Long> countBallots(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("select count(*) from poll_ballot where poll_id = $1").execute(Tuple.of(pollId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Polls whose voting has ended at {@code now} and whose ballots wait to be opened, earliest close first. */
    public Uni<List<UUID>> pollsToOpen(Instant now) {
        return pool.preparedQuery("select id from poll where opened_at is null and status <> 'DRAFT' and "
                        + PollState.votingEndedSqlAt("$1") + " order by closes_at, id")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(OrderedIds::uuids);
    }

    /** Polls open at {@code now} (not yet opened) for the LIVE snapshots. */
    public Uni<List<UUID>> openPolls(Instant now) {
        return pool.preparedQuery("select id from poll where opened_at is null and " + PollState.OPEN.sqlAt("$1") + " order by id")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(OrderedIds::uuids);
    }

    /** Claims of the poll (participants, with ballots stored in clear before sealing). */
    public Uni<Long> countClaims(UUID pollId) {
        return pool.preparedQuery("select count(*) from poll_participation where poll_id = $1").execute(Tuple.of(pollId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Tally keys of the poll's ballots stored in clear before sealing (open polls from before the migration). */
    public Uni<List<TallyRepository.TallyRow>> legacyTallies(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("""
                        select k.tally_key, count(*) as votes from poll_ballot b cross join lateral unnest(b.tally_keys) k (tally_key)
                        where b.poll_id = $1 group by 1""")
                .execute(Tuple.of(pollId))
                .map(rows -> {
                    List<TallyRepository.TallyRow> tallies = new ArrayList<>();
                    rows.forEach(row -> tallies.add(new TallyRepository.TallyRow("ALL", "", row.getString("tally_key"),
                            row.getLong("votes"))));
                    return tallies;
                });
    }
}
