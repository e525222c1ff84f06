package org.otklik.poll.ballot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;
import org.otklik.poll.PollState;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Participation and sealed ballots, with the plain reactive client. Votes are written in mixed
 * batches: one transaction claims the participation of every vote of the batch and stores each
 * winner's ballot sealed in its claim row; a revote replaces the sealed ballot of its claim. Nothing
 * readable about a ballot is written before the poll is opened ({@code tally.BallotOpeningRepository}).
 */
@ApplicationScoped
public class BallotRepository {

    /** What became of one vote of a batch. */
    public enum Outcome {
        STORED,
        /** Stored in place of the citizen's earlier ballot (polls that allow revotes). */
        REPLACED,
        ALREADY_PARTICIPATED,
        NOT_OPEN
    }

    /**
     * A vote of a batch: the claim key of its citizen, the sealed ballot, whether the poll allows a
     * revote, and for those polls the key that found a ballot stored in clear before sealing.
     */
    public record BatchVote(UUID pollId, byte[] claimKey, byte[] sealed, boolean revote, byte[] legacyRevoteKey) {
    }

    /** Outcomes in the order of the batch's votes. */
    public record BatchResult(List<Outcome> outcomes) {
    }

    /** A receipt of the former kind, found by its hash. */
    public record LegacyReceipt(UUID pollId, Instant castHour) {
    }

    /** The scope of the advisory locks between vote batches (shared) and the close of a poll (exclusive). */
    public static final String VOTE_LOCKS = "poll-votes";

    private static final String LOCK_SHARED = """
            select pg_advisory_xact_lock_shared(hashtextextended(k, 0)) from unnest($1::text[]) k""";

    // At statement_timestamp(), not the application clock's instant or now(): a batch that waited for a
    // close must see the poll closed.
    private static final String CLAIM = """
            with vote (poll_id, participation_key, sealed) as (select * from unnest($1::uuid[], $2::bytea[], $3::bytea[])),
            open_poll as (
                select id from poll
                where id in (select poll_id from vote) and opened_at is null and %s),
            claimed as (
                insert into poll_participation (poll_id, participation_key, sealed)
                select v.poll_id, v.participation_key, v.sealed from vote v join open_poll o on o.id = v.poll_id
                on conflict (poll_id, participation_key) do update set sealed = excluded.sealed
                where (select allow_revote from poll where id = excluded.poll_id)
                returning poll_id, participation_key, xmax = 0 as inserted)
            select true as claimed, poll_id, participation_key, inserted from claimed
            union all
            select false, id, null, null from open_poll""".formatted(PollState.OPEN.sqlAt("statement_timestamp()"));

    private static final String DELETE_LEGACY = """
            delete from poll_ballot b using unnest($1::uuid[], $2::bytea[]) v (poll_id, revote_key)
            where b.poll_id = v.poll_id and b.revote_key = v.revote_key""";

    private static final String INSERT_OPENED = """
            insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, batch_size)
            select b.receipt_hash, $1, b.district, b.channel, b.answers::jsonb,
                   array(select jsonb_array_elements_text(b.tally_keys::jsonb)), $2
            from unnest($3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[])
                 b (receipt_hash, district, channel, answers, tally_keys)""";

    private final Pool pool;

    public BallotRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes a batch in one transaction, after taking the shared vote lock of each of its polls (a
     * close takes it exclusively, so that no batch that saw the poll open commits after the opening
     * read the claims). The first vote of a citizen in the batch claims — in a poll that allows
     * revotes the last one, which replaces the others — and later ones of the same citizen are
     * ALREADY_PARTICIPATED, like a vote whose claim loses against one already committed. Claims go in
     * the order of their keys. Any failure rolls the whole batch back.
     */
    public Uni<BatchResult> writeBatch(List<BatchVote> votes) {
        Map<ClaimId, Integer> claimant = new HashMap<>();
        Set<String> locks = new TreeSet<>();
        for (int i = 0; i < votes.size(); i++) {
            BatchVote vote = votes.get(i);
            if (vote.revote()) {
                claimant.put(ClaimId.of(vote), i);
            } else {
                claimant.putIfAbsent(ClaimId.of(vote), i);
            }
            locks.add(AdvisoryLockRepository.key(VOTE_LOCKS, vote.pollId()));
        }
        List<ClaimId> claims = new ArrayList<>(claimant.keySet());
        claims.sort(null);
        int n = claims.size();
        UUID[] pollIds = new UUID[n];
        Buffer[] keys = new Buffer[n];
        Buffer[] sealed = new Buffer[n];
        for (int i = 0; i < n; i++) {
            ClaimId claim = claims.get(i);
            pollIds[i] = claim.pollId();
            keys[i] = Buffer.buffer(claim.key());
            sealed[i] = Buffer.buffer(votes.get(claimant.get(claim)).sealed());
        }
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK_SHARED)
                .execute(Tuple.of(locks.toArray(String[]::new)))
                .chain(() -> connection.preparedQuery(CLAIM).execute(Tuple.of(pollIds, keys, sealed)))
                .chain(rows -> {
                    Set<UUID> open = new HashSet<>();
                    Map<ClaimId, Boolean> won = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getBoolean("claimed")) {
                            won.put(new ClaimId(row.getUUID("poll_id"), row.getBuffer("participation_key").getBytes()),
                                    row.getBoolean("inserted"));
                        } else {
                            open.add(row.getUUID("poll_id"));
                        }
                    }
                    List<Outcome> outcomes = new ArrayList<>(votes.size());
                    List<BatchVote> replacing = new ArrayList<>();
                    for (int i = 0; i < votes.size(); i++) {
                        BatchVote vote = votes.get(i);
                        ClaimId id = ClaimId.of(vote);
                        Boolean inserted = won.get(id);
                        if (!open.contains(id.pollId())) {
                            outcomes.add(Outcome.NOT_OPEN);
                        } else if (inserted != null && (claimant.get(id) == i || vote.revote())) {
                            outcomes.add(inserted ? Outcome.STORED : Outcome.REPLACED);
                            if (!inserted && claimant.get(id) == i && vote.legacyRevoteKey() != null) {
                                replacing.add(vote);
                            }
                        } else {
                            outcomes.add(Outcome.ALREADY_PARTICIPATED);
                        }
                    }
                    BatchResult result = new BatchResult(outcomes);
                    return replacing.isEmpty() ? Uni.createFrom().item(result)
                            : deleteLegacy(connection, replacing).replaceWith(result);
                }));
    }

    /** A revote of a citizen whose ballot was stored in clear before sealing removes that ballot. */
    private static Uni<Void> deleteLegacy(SqlConnection connection, List<BatchVote> replacing) {
        UUID[] polls = new UUID[replacing.size()];
        Buffer[] keys = new Buffer[replacing.size()];
        for (int i = 0; i < polls.length; i++) {
            polls[i] = replacing.get(i).pollId();
            keys[i] = Buffer.buffer(replacing.get(i).legacyRevoteKey());
        }
        return connection.preparedQuery(DELETE_LEGACY).execute(Tuple.of(polls, keys)).replaceWithVoid();
    }

    /** Opened ballots as the arrays of one insert, in the order given (CPU work: callers run it off the event loop). */
    public record OpenedRows(Buffer[] receipts, String[] districts, String[] channels, String[] answers, String[] tallyKeys) {
    }

    public static OpenedRows openedRows(List<SealedBallot> ballots) {
        int n = ballots.size();
        OpenedRows rows = new OpenedRows(new Buffer[n], new String[n], new String[n], new String[n], new String[n]);
        for (int i = 0; i < n; i++) {
            SealedBallot ballot = ballots.get(i);
            rows.receipts()[i] = Buffer.buffer(ballot.receiptHash());
            rows.districts()[i] = ballot.district();
            rows.channels()[i] = ballot.channel();
            rows.answers()[i] = ballot.answers().encode();
            rows.tallyKeys()[i] = new JsonArray(List.of((Object[]) ballot.tallyKeys())).encode();
        }
        return rows;
    }

    /** Writes opened ballots, in the order given; batchSize is the number of ballots the opening writes. */
    public Uni<Void> insertOpened(SqlConnection transaction, UUID pollId, OpenedRows rows, long batchSize) {
        return transaction.preparedQuery(INSERT_OPENED)
                .execute(Tuple.tuple().addUUID(pollId).addInteger((int) Math.min(Integer.MAX_VALUE, Math.max(1, batchSize)))
                        .addValue(rows.receipts()).addValue(rows.districts()).addValue(rows.channels())
                        .addValue(rows.answers()).addValue(rows.tallyKeys()))
                .replaceWithVoid();
    }

    /** The opening's erasure: ballots stored in clear before sealing lose their keys and cast hour. */
    public Uni<Void> forgetVoters(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("""
                        update poll_ballot set revote_key = null, participation_key = null, cast_hour = null
                        where poll_id = $1 and (revote_key is not null or participation_key is not null or cast_hour is not null)""")
                .execute(Tuple.of(pollId)).replaceWithVoid();
    }

    /** The opening's erasure: the sealed ballots leave their participants' claims. */
    public Uni<Void> eraseSealed(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("update poll_participation set sealed = null where poll_id = $1 and sealed is not null")
                .execute(Tuple.of(pollId)).replaceWithVoid();
    }

    /** A citizen's claim on a poll; ordered by key, so that the claims of a batch carry no arrival order. */
    private record ClaimId(UUID pollId, byte[] key) implements Comparable<ClaimId> {

        static ClaimId of(BatchVote vote) {
            return new ClaimId(vote.pollId(), vote.claimKey());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ClaimId that && pollId.equals(that.pollId) && Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return 31 * pollId.hashCode() + Arrays.hashCode(key);
        }

        @Override
        public int compareTo(ClaimId other) {
            int byKey = Arrays.compareUnsigned(key, other.key);
            return byKey != 0 ? byKey : pollId.compareTo(other.pollId);
        }
    }

    public Uni<Boolean> hasParticipated(UUID pollId, byte[] participationKey) {
        return pool.preparedQuery("select 1 from poll_participation where poll_id = $1 and participation_key = $2")
                .execute(Tuple.of(pollId, Buffer.buffer(participationKey))).map(rows -> rows.size() > 0);
    }

    /** A receipt code of the former kind: its ballot, or the ballot a revote replaced. */
    public Uni<Optional<LegacyReceipt>> findLegacyReceipt(byte[] receiptHash) {
        return pool.preparedQuery("""
                        select poll_id, cast_hour from poll_ballot where receipt_hash = $1
                        union all
                        select poll_id, cast_hour from poll_replaced_receipt where receipt_hash = $1""")
                .execute(Tuple.of(Buffer.buffer(receiptHash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    OffsetDateTime hour = row.getOffsetDateTime("cast_hour");
                    return Optional.of(new LegacyReceipt(row.getUUID("poll_id"), hour == null ? null : hour.toInstant()));
                });
    }
}
