package org.otklik.poll;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The polls' data keys: created with a poll's first sealed ballot, stored only wrapped
 * ({@code poll_ballot_key}), kept unwrapped in memory for voting, destroyed when the poll is opened.
 */
@ApplicationScoped
public class BallotKeys {

    private static final int MAX_CACHED = 1000;

    private static final String CREATE = """
            insert into poll_ballot_key (poll_id, wrapped)
            select $1, $2 where exists (select 1 from poll where id = $1 and opened_at is null)
            on conflict (poll_id) do nothing""";

    private final BallotSeal seal;
    private final Pool pool;
    private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();

    public BallotKeys(PollsConfig config, Pool pool) {
        this.seal = new BallotSeal(config.ballotKey());
        this.pool = pool;
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
        return find(pool, pollId).chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                : pool.preparedQuery(CREATE).execute(Tuple.of(pollId, Buffer.buffer(seal.newWrappedKey(pollId))))
                        .chain(() -> find(pool, pollId)))
                .invoke(found -> found.ifPresent(key -> {
                    if (keys.size() >= MAX_CACHED) {
                        keys.clear();
                    }
                    keys.put(pollId, key);
                }));
    }

    /** The poll's data key as stored now (inside the caller's transaction when a connection is given). */
    Uni<Optional<SecretKey>> find(SqlClient client, UUID pollId) {
        return client.preparedQuery("select wrapped from poll_ballot_key where poll_id = $1").execute(Tuple.of(pollId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(seal.unwrap(pollId, rows.iterator().next().getBuffer("wrapped").getBytes())));
    }

    /** Deletes the poll's wrapped key inside the opening transaction. */
    Uni<Void> destroy(SqlClient transaction, UUID pollId) {
        return transaction.preparedQuery("delete from poll_ballot_key where poll_id = $1").execute(Tuple.of(pollId))
                .invoke(() -> keys.remove(pollId)).replaceWithVoid();
    }

    /** Forgets the unwrapped keys, as a restart does. */
    void forget() {
        keys.clear();
    }
}
