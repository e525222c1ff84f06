package org.otklik.poll;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Participation, ballots and receipts, with the plain reactive client. Claiming participation and
 * storing the ballot are separate transactions on purpose: rows written by one transaction share
 * its transaction id (xmin), which would link a ballot to its voter's participation row.
 */
@ApplicationScoped
public class BallotRepository {

    public enum Claim {
        CLAIMED,
        ALREADY_PARTICIPATED,
        NOT_OPEN
    }

    /** A ballot to store. participationKey is null in secret polls, revoteKey unless revotes are allowed. */
    public record NewBallot(UUID pollId, byte[] receiptHash, byte[] revoteKey, byte[] participationKey, String district,
            String channel, ValidBallot ballot, Instant castHour) {
    }

    public record ReceiptRecord(UUID pollId, Instant castHour, boolean replaced) {
    }

    private static final String CLAIM = """
            with open_poll as (
                select id from poll
                where id = $1 and status = 'PUBLISHED' and opens_at <= now() and closes_at > now()),
            claimed as (
                insert into poll_participation (poll_id, participation_key)
                select id, $2 from open_poll
                on conflict do nothing
                returning 1)
            select exists (select 1 from open_poll) as open, exists (select 1 from claimed) as claimed""";

    private static final String INSERT_BALLOT = """
            with ballot as (
                insert into poll_ballot (receipt_hash, poll_id, revote_key, participation_key, district, channel, answers,
                                         tally_keys, cast_hour)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                returning poll_id, district, channel, tally_keys)
            insert into poll_tally_delta (poll_id, sign, district, channel, tally_keys)
            select poll_id, 1, district, channel, tally_keys from ballot""";

    private final Pool pool;

    public BallotRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the participation row if, at this moment, the poll is open and the key is new. */
    public Uni<Claim> claimParticipation(UUID pollId, byte[] participationKey) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(pollId, Buffer.buffer(participationKey))).map(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean("open")) {
                return Claim.NOT_OPEN;
            }
            return row.getBoolean("claimed") ? Claim.CLAIMED : Claim.ALREADY_PARTICIPATED;
        });
    }

    /** Undoes a claim whose ballot could not be stored, so that the citizen may try again. */
    public Uni<Void> releaseParticipation(UUID pollId, byte[] participationKey) {
        return pool.preparedQuery("delete from poll_participation where poll_id = $1 and participation_key = $2")
                .execute(Tuple.of(pollId, Buffer.buffer(participationKey))).replaceWithVoid();
    }

    public Uni<Boolean> hasParticipated(UUID pollId, byte[] participationKey) {
        return pool.preparedQuery("select 1 from poll_participation where poll_id = $1 and participation_key = $2")
                .execute(Tuple.of(pollId, Buffer.buffer(participationKey))).map(rows -> rows.size() > 0);
    }

    /** Stores the ballot and its +1 tally delta in one statement, hence one transaction. */
    public Uni<Void> insertBallot(NewBallot ballot) {
        return pool.preparedQuery(INSERT_BALLOT).execute(ballotTuple(ballot)).replaceWithVoid();
    }

    /**
     * Replaces the ballot found by the revote key: -1 for the old choices, +1 for the new, and the old
     * receipt is kept as replaced. False when there is no earlier ballot (yet). A concurrent revote of
     * the same citizen waits for the row lock and then replaces the ballot this one stored.
     */
    public Uni<Boolean> replaceBallot(NewBallot ballot) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        select receipt_hash, district, channel, tally_keys, cast_hour from poll_ballot
                        where poll_id = $1 and revote_key = $2 for update""")
                .execute(Tuple.of(ballot.pollId(), Buffer.buffer(ballot.revoteKey())))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : replace(connection, ballot, rows.iterator().next()).replaceWith(true)));
    }

    private Uni<Void> replace(SqlConnection connection, NewBallot ballot, Row old) {
        Buffer oldReceipt = old.getBuffer("receipt_hash").getDelegate();
        return connection.preparedQuery("""
                        insert into poll_replaced_receipt (receipt_hash, poll_id, cast_hour) values ($1, $2, $3)""")
                .execute(Tuple.of(oldReceipt, ballot.pollId(), old.getOffsetDateTime("cast_hour")))
                .chain(() -> connection.preparedQuery("""
                        insert into poll_tally_delta (poll_id, sign, district, channel, tally_keys)
                        values ($1, -1, $2, $3, $4)""")
                        .execute(Tuple.of(ballot.pollId(), old.getString("district"), old.getString("channel"),
                                old.getArrayOfStrings("tally_keys"))))
                .chain(() -> connection.preparedQuery("""
                        update poll_ballot
                        set receipt_hash = $2, participation_key = $3, district = $4, channel = $5, answers = $6,
                            tally_keys = $7, cast_hour = $8
                        where receipt_hash = $1""")
                        .execute(Tuple.tuple().addValue(oldReceipt).addValue(Buffer.buffer(ballot.receiptHash()))
                                .addValue(ballot.participationKey() == null ? null : Buffer.buffer(ballot.participationKey()))
                                .addString(ballot.district()).addString(ballot.channel())
                                .addValue(ballot.ballot().answers()).addArrayOfString(ballot.ballot().tallyKeys())
                                .addOffsetDateTime(OffsetDateTime.ofInstant(ballot.castHour(), ZoneOffset.UTC))))
                .chain(() -> connection.preparedQuery("""
                        insert into poll_tally_delta (poll_id, sign, district, channel, tally_keys)
                        values ($1, 1, $2, $3, $4)""")
                        .execute(Tuple.of(ballot.pollId(), ballot.district(), ballot.channel(), ballot.ballot().tallyKeys())))
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

    private static Tuple ballotTuple(NewBallot ballot) {
        return Tuple.tuple()
                .addValue(Buffer.buffer(ballot.receiptHash()))
                .addUUID(ballot.pollId())
                .addValue(ballot.revoteKey() == null ? null : Buffer.buffer(ballot.revoteKey()))
                .addValue(ballot.participationKey() == null ? null : Buffer.buffer(ballot.participationKey()))
                .addString(ballot.district())
                .addString(ballot.channel())
                .addValue(ballot.ballot().answers())
                .addArrayOfString(ballot.ballot().tallyKeys())
                .addOffsetDateTime(OffsetDateTime.ofInstant(ballot.castHour(), ZoneOffset.UTC));
    }
}
