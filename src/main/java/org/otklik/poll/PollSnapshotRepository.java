package org.otklik.poll;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads polls on the hot paths (voting, results) with the plain reactive client. Parsed definitions
 * are kept by hash: a published definition never changes, and a draft's hash changes with each edit.
 */
@ApplicationScoped
public class PollSnapshotRepository {

    private static final int MAX_CACHED_DEFINITIONS = 1000;

    private final Pool pool;
    private final Map<String, PollDefinition> definitions = new ConcurrentHashMap<>();

    public PollSnapshotRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<PollSnapshot>> find(UUID id) {
        return pool.preparedQuery("select id, status, opens_at, closes_at, definition_hash, definition from poll where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSnapshot(rows.iterator().next())));
    }

    private PollSnapshot toSnapshot(Row row) {
        String hash = row.getString("definition_hash");
        PollDefinition definition = definitions.get(hash);
        if (definition == null) {
            definition = PollDefinition.fromCanonicalJson(row.getString("definition"));
            if (definitions.size() >= MAX_CACHED_DEFINITIONS) {
                definitions.clear();
            }
            definitions.put(hash, definition);
        }
        return new PollSnapshot(row.getUUID("id"), PollStatus.valueOf(row.getString("status")),
                row.getOffsetDateTime("opens_at").toInstant(), row.getOffsetDateTime("closes_at").toInstant(), hash,
                definition);
    }
}
