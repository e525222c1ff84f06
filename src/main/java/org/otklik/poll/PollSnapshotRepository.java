package org.otklik.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private record Recent(PollSnapshot poll, Instant expires) {
    }

    private final Pool pool;
    private final Clock clock;
    private final Duration recentTtl;
    private final Map<String, PollDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<UUID, Recent> openPolls = new ConcurrentHashMap<>();

    public PollSnapshotRepository(Pool pool, Clock clock, PollsConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.recentTtl = config.snapshotCacheTtl();
    }

    /**
     * For the vote path: a poll that was open when read is reused for {@code snapshot-cache-ttl}. The
     * batch that stores a vote checks again, in its transaction, that the poll is open.
     */
    public Uni<Optional<PollSnapshot>> findOpen(UUID id) {
        Instant now = clock.instant();
        Recent recent = openPolls.get(id);
        if (recent != null && now.isBefore(recent.expires()) && recent.poll().stateAt(now) == PollState.OPEN) {
            return Uni.createFrom().item(Optional.of(recent.poll()));
        }
        return find(id).invoke(found -> {
            if (found.isPresent() && found.get().stateAt(now) == PollState.OPEN && !recentTtl.isZero()) {
                if (openPolls.size() >= MAX_CACHED_DEFINITIONS) {
                    openPolls.clear();
                }
                openPolls.put(id, new Recent(found.get(), now.plus(recentTtl)));
            } else {
                openPolls.remove(id);
            }
        });
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
