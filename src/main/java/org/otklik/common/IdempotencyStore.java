package org.otklik.common;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The one {@code Idempotency-Key} mechanism for POSTs that create things, applied by the resource
 * around its service call. Implementations differ only in how they keep the first answer: in the
 * clear ({@link IdempotencyService}) or sealed so that nobody can tell who voted (the ballots' store).
 */
public interface IdempotencyStore {

    String HEADER = "Idempotency-Key";

    /**
     * Runs {@code action} at most once per (caller, operation, key) and answers a replay with the same
     * body from the stored response; a key reused with another body is refused with 422, and a key whose
     * first request still runs waits for it or is refused with 409. Without a key the action just runs.
     */
    Uni<StoredResponse> once(IdempotentRequest request, Supplier<Uni<StoredResponse>> action);
}
