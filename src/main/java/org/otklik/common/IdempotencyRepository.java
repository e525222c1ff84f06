package org.otklik.common;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Every statement on {@code idempotency_record}, through the Hibernate session: they run in the
 * transaction of the action whose response they keep.
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

    /** @return how many records were deleted */
    public Uni<Integer> deleteCreatedBefore(OffsetDateTime before) {
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from idempotency_record where created_at < :before")
                .setParameter("before", before)
                .executeUpdate());
    }
}
