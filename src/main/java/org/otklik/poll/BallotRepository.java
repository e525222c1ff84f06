package org.otklik.poll;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Participation, ballots and receipts, with the plain reactive client. Votes are written in mixed
 * batches: one transaction claims the participation of every vote of the batch, stores the winners'
 * ballots in a random order and adds the batch's tally deltas summed per key. Rows written by one
 * transaction share its id (xmin), so a ballot can be linked to its batch, never to one of its voters.
 */
@ApplicationScoped
public class BallotRepository {

    /** What became of one vote of a batch. */
    public enum Outcome {
        STORED,
        ALREADY_PARTICIPATED,
        NOT_OPEN
    }

    /** A ballot to store. participationKey is null in secret polls, revoteKey unless revotes are allowed. */
    public record NewBallot(UUID pollId, byte[] receiptHash, byte[] revoteKey, byte[] participationKey, String district,
            String channel, ValidBallot ballot) {
    }

    /** A vote of a batch: the claim key of its citizen and the ballot to store when the claim wins. */
    public record BatchVote(byte[] claimKey, NewBallot ballot) {
    }

    /** Outcomes in the order of the batch's votes. */
    public record BatchResult(List<Outcome> outcomes, int stored) {
    }

    public record ReceiptRecord(UUID pollId, Instant castHour, boolean replaced) {
    }

    private static final String CLAIM = """
            with vote (poll_id, participation_key) as (select * from unnest($1::uuid[], $2::bytea[])),
            open_poll as (
                select id from poll
                where id in (select poll_id from vote) and status = 'PUBLISHED' and opens_at <= now() and closes_at > now()),
            claimed as (
                insert into poll_participation (poll_id, participation_key)
                select v.poll_id, v.participation_key from vote v join open_poll o on o.id = v.poll_id
                on conflict do nothing
                returning poll_id, participation_key)
            select true as claimed, poll_id, participation_key from claimed
            union all
            select false, id, null from open_poll""";

    private static final String INSERT_BALLOTS = """
            with ballot as (
                insert into poll_ballot (receipt_hash, poll_id, revote_key, participation_key, district, channel, answers,
                                         tally_keys, cast_hour, batch_size)
                select b.receipt_hash, b.poll_id, b.revote_key, b.participation_key, b.district, b.channel, b.answers::jsonb,
                       array(select jsonb_array_elements_text(b.tally_keys::jsonb)), $9, $10
                from unnest($1::bytea[], $2::uuid[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::text[], $8::text[])
                     b (receipt_hash, poll_id, revote_key, participation_key, district, channel, answers, tally_keys)
                returning poll_id, district, channel, tally_keys)
            insert into poll_tally_delta (poll_id, dimension, group_value, tally_key, votes)
            select b.poll_id, g.dimension, g.group_value, k.tally_key, count(*)
            from ballot b
            cross join lateral (values ('ALL', ''), ('DISTRICT', b.district), ('CHANNEL', b.channel)) g (dimension, group_value)
            cross join lateral unnest(b.tally_keys) k (tally_key)
            group by 1, 2, 3, 4""";

    private static final SecureRandom SHUFFLE = new SecureRandom();

    private final Pool pool;

    public BallotRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes a batch in one transaction. The first vote of a citizen in the batch claims; later ones
     * of the same citizen are ALREADY_PARTICIPATED, like a vote whose claim loses against one already
     * committed. Claims go in the order of their keys, the winners' ballots in a SecureRandom order.
     * Any failure rolls the whole batch back.
     */
    public Uni<BatchResult> writeBatch(List<BatchVote> votes, Instant castHour) {
        Map<ClaimId, Integer> claimant = new HashMap<>();
        for (int i = 0; i < votes.size(); i++) {
            claimant.putIfAbsent(ClaimId.of(votes.get(i)), i);
        }
        List<ClaimId> claims = new ArrayList<>(claimant.keySet());
        claims.sort(null);
        UUID[] pollIds = new UUID[claims.size()];
        Buffer[] keys = new Buffer[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            pollIds[i] = claims.get(i).pollId();
            keys[i] = Buffer.buffer(claims.get(i).key());
        }
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(pollIds, keys))
                .chain(rows -> {
                    Set<UUID> open = new HashSet<>();
                    Set<ClaimId> won = new HashSet<>();
                    for (Row row : rows) {
                        if (row.getBoolean("claimed")) {
                            won.add(new ClaimId(row.getUUID("poll_id"), row.getBuffer("participation_key").getBytes()));
                        } else {
                            open.add(row.getUUID("poll_id"));
                        }
                    }
                    List<Outcome> outcomes = new ArrayList<>(votes.size());
                    List<NewBallot> winners = new ArrayList<>(won.size());
                    for (int i = 0; i < votes.size(); i++) {
                        BatchVote vote = votes.get(i);
                        ClaimId id = ClaimId.of(vote);
                        if (!open.contains(id.pollId())) {
                            outcomes.add(Outcome.NOT_OPEN);
                        } else if (claimant.get(id) == i && won.contains(id)) {
                            outcomes.add(Outcome.STORED);
                            winners.add(vote.ballot());
                        } else {
                            outcomes.add(Outcome.ALREADY_PARTICIPATED);
                        }
                    }
                    BatchResult result = new BatchResult(outcomes, winners.size());
                    if (winners.isEmpty()) {
                        return Uni.createFrom().item(result);
                    }
                    Collections.shuffle(winners, SHUFFLE);
                    return connection.preparedQuery(INSERT_BALLOTS).execute(ballotsTuple(winners, castHour))
                            .replaceWith(result);
                }));
    }

    private static Tuple ballotsTuple(List<NewBallot> ballots, Instant castHour) {
        int n = ballots.size();
        Buffer[] receipts = new Buffer[n];
        UUID[] polls = new UUID[n];
        Buffer[] revoteKeys = new Buffer[n];
        Buffer[] participationKeys = new Buffer[n];
        String[] districts = new String[n];
        String[] channels = new String[n];
        String[] answers = new String[n];
        String[] tallyKeys = new String[n];
        for (int i = 0; i < n; i++) {
            NewBallot ballot = ballots.get(i);
            receipts[i] = Buffer.buffer(ballot.receiptHash());
            polls[i] = ballot.pollId();
            revoteKeys[i] = ballot.revoteKey() == null ? null : Buffer.buffer(ballot.revoteKey());
            participationKeys[i] = ballot.participationKey() == null ? null : Buffer.buffer(ballot.participationKey());
            districts[i] = ballot.district();
            channels[i] = ballot.channel();
            answers[i] = ballot.ballot().answers().encode();
            tallyKeys[i] = new JsonArray(List.of((Object[]) ballot.ballot().tallyKeys())).encode();
        }
        return Tuple.tuple().addValue(receipts).addValue(polls).addValue(revoteKeys).addValue(participationKeys)
                .addValue(districts).addValue(channels).addValue(answers).addValue(tallyKeys)
                .addOffsetDateTime(OffsetDateTime.ofInstant(castHour, ZoneOffset.UTC)).addInteger(n);
    }

    /** A citizen's claim on a poll; ordered by key, so that the claims of a batch carry no arrival order. */
    private record ClaimId(UUID pollId, byte[] key) implements Comparable<ClaimId> {

        static ClaimId of(BatchVote vote) {
            return new ClaimId(vote.ballot().pollId(), vote.claimKey());
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

    /**
     * Replaces the ballot found by the revote key: -1 for the old choices, +1 for the new, and the old
     * receipt is kept as replaced. False when there is no earlier ballot (yet). A concurrent revote of
     * the same citizen waits for the row lock and then replaces the ballot this one stored.
     */
    public Uni<Boolean> replaceBallot(NewBallot ballot, Instant castHour) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        select receipt_hash, district, channel, tally_keys, cast_hour from poll_ballot
                        where poll_id = $1 and revote_key = $2 for update""")
                .execute(Tuple.of(ballot.pollId(), Buffer.buffer(ballot.revoteKey())))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : replace(connection, ballot, castHour, rows.iterator().next()).replaceWith(true)));
    }

    private static final String REVOTE_DELTAS = """
            insert into poll_tally_delta (poll_id, dimension, group_value, tally_key, votes)
            select $1, g.dimension, g.group_value, k.tally_key, sum(c.votes)
            from (values (-1, $2::text, $3::text, $4::text[]), (1, $5::text, $6::text, $7::text[]))
                 c (votes, district, channel, tally_keys)
            cross join lateral (values ('ALL', ''), ('DISTRICT', c.district), ('CHANNEL', c.channel)) g (dimension, group_value)
            cross join lateral unnest(c.tally_keys) k (tally_key)
            group by 2, 3, 4
            having sum(c.votes) <> 0""";

    private Uni<Void> replace(SqlConnection connection, NewBallot ballot, Instant castHour, Row old) {
        Buffer oldReceipt = old.getBuffer("receipt_hash").getDelegate();
        return connection.preparedQuery("""
                        insert into poll_replaced_receipt (receipt_hash, poll_id, cast_hour) values ($1, $2, $3)""")
                .execute(Tuple.of(oldReceipt, ballot.pollId(), old.getOffsetDateTime("cast_hour")))
                .chain(() -> connection.preparedQuery(REVOTE_DELTAS)
                        .execute(Tuple.tuple().addUUID(ballot.pollId())
                                .addString(old.getString("district")).addString(old.getString("channel"))
                                .addArrayOfString(old.getArrayOfStrings("tally_keys"))
                                .addString(ballot.district()).addString(ballot.channel())
                                .addArrayOfString(ballot.ballot().tallyKeys())))
                .chain(() -> connection.preparedQuery("""
                        update poll_ballot
                        set receipt_hash = $2, participation_key = $3, district = $4, channel = $5, answers = $6,
                            tally_keys = $7, cast_hour = $8, batch_size = 1
                        where receipt_hash = $1""")
                        .execute(Tuple.tuple().addValue(oldReceipt).addValue(Buffer.buffer(ballot.receiptHash()))
                                .addValue(ballot.participationKey() == null ? null : Buffer.buffer(ballot.participationKey()))
                                .addString(ballot.district()).addString(ballot.channel())
                                .addValue(ballot.ballot().answers()).addArrayOfString(ballot.ballot().tallyKeys())
                                .addOffsetDateTime(OffsetDateTime.ofInstant(castHour, ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<Optional<ReceiptRecord>> findReceipt(byte[] receiptHash) {
        return pool.preparedQuery("""
                        select poll_id, cast_hour, false as replaced from poll_ballot where receipt_hash = $1
                        union all
                        select poll_id, cast_hour, true from poll_replaced_receipt where receipt_hash = $1""")
                .execute(Tuple.of(Buffer.buffer(receiptHash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new ReceiptRecord(row.getUUID("poll_id"),
                            row.getOffsetDateTime("cast_hour").toInstant(), row.getBoolean("replaced")));
                });
    }
}
