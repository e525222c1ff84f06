package org.otklik.common;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement on {@code idempotency_record}. They run in the transaction of the action whose
 * response they keep: the Hibernate session's, or a pool transaction for actions that write through the pool.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** The first answer to a key, with the fingerprint of the request that got it. */
    public record Recorded(String requestHash, StoredResponse response) {
    }

    public Uni<Optional<Recorded>> find(String caller, String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select request_hash, response_status, response_body, location from idempotency_record"
                        + " where caller = :caller and idempotency_key = :key",
                Object[].class)
                .setParameter("caller", caller)
                .setParameter("key", key)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new Recorded((String) row[0],
                        new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]))));
    }

    public Uni<Void> insert(IdempotentRequest request, String requestHash, StoredResponse response, OffsetDateTime at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into idempotency_record (caller, idempotency_key, operation, request_hash,"
                        + " response_status, response_body, location, created_at)"
                        + " values (:caller, :key, :operation, :hash, :status, :body, :location, :at)")
                .setParameter("caller", request.caller())
                .setParameter("key", request.key())
                .setParameter("operation", request.operation())
                .setParameter("hash", requestHash)
                .setParameter("status", response.status())
                .setParameter("body", response.body())
                .setParameter("location", response.location())
                .setParameter("at", at)
                .executeUpdate())
                .replaceWithVoid();
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
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from idempotency_record where created_at < :before")
                .setParameter("before", before)
                .executeUpdate());
    }
}
