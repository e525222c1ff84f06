package org.otklik.common.idempotency;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement on {@code idempotency_record}, on the pool. The key's statements run in the pool transaction of
 * the action whose response they keep.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** The first answer to a key, with the fingerprint of the request that got it. */
    public record Recorded(String requestHash, StoredResponse response) {
    }

    private final Pool pool;

    public IdempotencyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Recorded>> find(SqlConnection transaction, String caller, String key) {
        return transaction.preparedQuery("select request_hash, response_status, response_body, location"
                        + " from idempotency_record where caller = $1 and idempotency_key = $2")
                .execute(Tuple.of(caller, key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(recorded(rows.iterator().next())));
    }

    private static Recorded recorded(Row row) {
        return new Recorded(row.getString("request_hash"), new StoredResponse(row.getInteger("response_status"),
                row.getString("response_body"), row.getString("location")));
    }

    public Uni<Void> insert(SqlConnection transaction, IdempotentRequest request, String requestHash,
            StoredResponse response, OffsetDateTime at) {
        return transaction.preparedQuery("insert into idempotency_record (caller, idempotency_key, operation, request_hash,"
                        + " response_status, response_body, location, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] { request.caller(), request.key(), request.operation(), requestHash,
                        response.status(), response.body(), response.location(), at }))
                .replaceWithVoid();
    }

    /** @return how many records were deleted */
    public Uni<Integer> deleteCreatedBefore(OffsetDateTime before) {
        return pool.preparedQuery("delete from idempotency_record where created_at < $1").execute(Tuple.of(before))
                .map(rows -> rows.rowCount());
    }
}
