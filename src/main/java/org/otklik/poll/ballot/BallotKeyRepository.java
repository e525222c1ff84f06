package org.otklik.poll.ballot;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The polls' wrapped data keys ({@code poll_ballot_key}); unwrapping and caching are {@link BallotKeys}'. */
@ApplicationScoped
public class BallotKeyRepository {

    private static final String CREATE = """
            insert into poll_ballot_key (poll_id, wrapped)
            select $1, $2 where exists (select 1 from poll where id = $1 and opened_at is null)
            on conflict (poll_id) do nothing""";

    private final Pool pool;

    public BallotKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the key unless the poll has one already or was opened (one wins across instances). */
    Uni<Void> createIfAbsent(UUID pollId, byte[] wrapped) {
        return pool.preparedQuery(CREATE).execute(Tuple.of(pollId, Buffer.buffer(wrapped))).replaceWithVoid();
    }

    /** The wrapped key as stored now (inside the caller's transaction when a connection is given). */
    Uni<Optional<byte[]>> find(SqlClient client, UUID pollId) {
        return client.preparedQuery("select wrapped from poll_ballot_key where poll_id = $1").execute(Tuple.of(pollId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getBuffer("wrapped").getBytes()));
    }

    Uni<Optional<byte[]>> find(UUID pollId) {
        return find(pool, pollId);
    }

    Uni<Void> delete(SqlClient transaction, UUID pollId) {
        return transaction.preparedQuery("delete from poll_ballot_key where poll_id = $1").execute(Tuple.of(pollId))
                .replaceWithVoid();
    }
}
