package org.otklik.common.idempotency;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The one {@code Idempotency-Key} mechanism for POSTs that create things, applied by the resource
 * around its service call. Implemented by the ballots' store, which keeps the first answer sealed so that nobody
 * can tell who voted; actions that write through the pool keep it in the clear, in their own transaction
 * ({@link IdempotencyService#onceInPoolTransaction}), under the same contract.
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
