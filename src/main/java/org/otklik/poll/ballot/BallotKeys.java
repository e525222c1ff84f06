package org.otklik.poll.ballot;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.poll.PollsConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The polls' data keys: created with a poll's first sealed ballot, stored only wrapped
 * ({@code poll_ballot_key}), kept unwrapped in memory for voting, destroyed when the poll is opened.
 */
@ApplicationScoped
public class BallotKeys {

    private static final int MAX_CACHED = 1000;

    private final BallotSeal seal;
    private final BallotKeyRepository stored;
    private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();

    public BallotKeys(PollsConfig config, BallotKeyRepository stored) {
        this.seal = new BallotSeal(config.ballotKey());
        this.stored = stored;
    }

    SecretKey receiptKey() {
        return seal.receiptKey();
    }

    /**
     * The poll's data key for sealing, created if the poll has none yet (one wins across instances);
     * empty once the poll's ballots were opened.
     */
    Uni<Optional<SecretKey>> forSealing(UUID pollId) {
        SecretKey cached = keys.get(pollId);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return stored.find(pollId).map(wrapped -> unwrap(pollId, wrapped))
                .chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                        : stored.createIfAbsent(pollId, seal.newWrappedKey(pollId))
                                .chain(() -> stored.find(pollId)).map(wrapped -> unwrap(pollId, wrapped)))
                .invoke(found -> found.ifPresent(key -> {
                    if (keys.size() >= MAX_CACHED) {
                        keys.clear();
                    }
                    keys.put(pollId, key);
                }));
    }

    /** The poll's data key as stored now (inside the caller's transaction when a connection is given). */
    public Uni<Optional<SecretKey>> find(SqlClient client, UUID pollId) {
        return stored.find(client, pollId).map(wrapped -> unwrap(pollId, wrapped));
    }

    private Optional<SecretKey> unwrap(UUID pollId, Optional<byte[]> wrapped) {
        return wrapped.map(bytes -> seal.unwrap(pollId, bytes));
    }

    /** Deletes the poll's wrapped key inside the opening transaction. */
    public Uni<Void> destroy(SqlClient transaction, UUID pollId) {
        return stored.delete(transaction, pollId).invoke(() -> keys.remove(pollId));
    }

    /** Forgets the unwrapped keys, as a restart does. */
    void forget() {
        keys.clear();
    }
}
