package org.otklik.poll.ballot;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ballots' idempotency records ({@code poll_ballot_idempotency}), named and sealed by {@link BallotIdempotency}. */
@ApplicationScoped
public class BallotIdempotencyRepository {

    /** A record as stored: the request's MAC, and the sealed answer (null while the first request runs). */
    record Stored(byte[] requestMac, byte[] sealed) {
    }

    private final Pool pool;

    public BallotIdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Claims the record for a first request; false when it exists already. */
    Uni<Boolean> claim(byte[] record, byte[] requestMac, OffsetDateTime hour) {
        return pool.preparedQuery("""
                        insert into poll_ballot_idempotency (record_key, request_mac, sealed, created_hour)
                        values ($1, $2, null, $3) on conflict do nothing""")
                .execute(Tuple.of(Buffer.buffer(record), Buffer.buffer(requestMac), hour))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /** The record, or null when it is gone (its first request failed meanwhile). */
    Uni<Stored> find(byte[] record) {
        return pool.preparedQuery("select request_mac, sealed from poll_ballot_idempotency where record_key = $1")
                .execute(Tuple.of(Buffer.buffer(record)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    var sealed = row.getBuffer("sealed");
                    return new Stored(row.getBuffer("request_mac").getBytes(), sealed == null ? null : sealed.getBytes());
                });
    }

    Uni<Void> seal(byte[] record, byte[] sealed) {
        return pool.preparedQuery("update poll_ballot_idempotency set sealed = $2 where record_key = $1")
                .execute(Tuple.of(Buffer.buffer(record), Buffer.buffer(sealed))).replaceWithVoid();
    }

    /** Frees a record whose first request failed. */
    Uni<Void> release(byte[] record) {
        return pool.preparedQuery("delete from poll_ballot_idempotency where record_key = $1 and sealed is null")
                .execute(Tuple.of(Buffer.buffer(record))).replaceWithVoid();
    }

    Uni<Void> deleteCreatedBefore(OffsetDateTime hour) {
        return pool.preparedQuery("delete from poll_ballot_idempotency where created_hour < $1").execute(Tuple.of(hour))
                .replaceWithVoid();
    }
}
