package org.otklik.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.OrderedIds;
import org.otklik.common.database.PositionalParameters;
import org.otklik.common.web.KeysetCursor;
import org.otklik.poll.definition.PollDefinition;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code poll} table, written only in pool transactions: the admin's changes ({@link #insert}, {@link #update},
 * {@link #delete}) and the opening's {@link #markOpened}. The poll lists and pages load the {@link Poll} entity in
 * the caller's session, to read it; the hot paths (voting, results, receipts) read a {@link PollSnapshot} with the
 * plain reactive client. Parsed definitions are kept by hash: a published definition never changes, and a draft's
 * hash changes with each edit.
 */
@ApplicationScoped
public class PollRepository implements PanacheRepositoryBase<Poll, UUID> {

    private static final int MAX_CACHED_DEFINITIONS = 1000;

    private record Recent(PollSnapshot poll, Instant expires) {
    }

    private final Pool pool;
    private final Clock clock;
    private final Duration recentTtl;
    private final Map<String, PollDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<UUID, Recent> openPolls = new ConcurrentHashMap<>();

    public PollRepository(Pool pool, Clock clock, PollsConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.recentTtl = config.snapshotCacheTtl();
    }

    /**
     * For the vote path, through the pool: a poll that was open when read is reused for
     * {@code snapshot-cache-ttl}. The batch that stores a vote checks again, in its transaction, that
     * the poll is open.
     */
    public Uni<Optional<PollSnapshot>> findOpenSnapshot(UUID id) {
        Instant now = clock.instant();
        Recent recent = openPolls.get(id);
        if (recent != null && now.isBefore(recent.expires()) && recent.poll().stateAt(now) == PollState.OPEN) {
            return Uni.createFrom().item(Optional.of(recent.poll()));
        }
        return findSnapshot(id).invoke(found -> {
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

    /** The poll as the results and receipt paths need it, through the pool. */
    public Uni<Optional<PollSnapshot>> findSnapshot(UUID id) {
        return pool.preparedQuery("select id, status, opens_at, closes_at, definition_hash, definition, opened_at is not null as opened from poll where id = $1")
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
                definition, row.getBoolean("opened"));
    }

    /** A cursor of the poll lists: (instant, poll id) of the last poll of the previous page. */
    static KeysetCursor decodeCursor(String encoded) {
        KeysetCursor cursor = KeysetCursor.decode(encoded, 2);
        cursor.instant(0);
        cursor.uuid(1);
        return cursor;
    }

    /** Newest first; {@code after} is the last poll of the previous page. */
    @WithSession
    public Uni<List<Poll>> listForAdmin(PollStatus status, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (after != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.instant(0)).and("id", after.uuid(1));
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    /**
     * Published and closed polls in the given public state, latest opening first: the ids through the pool,
     * the entities in the caller's session (Hibernate keeps no reusable plan for a native select with an
     * entity result: each call would add an entry to its query-plan cache).
     */
    @WithSession
    public Uni<List<Poll>> listPublished(PollState state, String district, Instant now, KeysetCursor after, int limit) {
        PositionalParameters parameters = new PositionalParameters();
        StringBuilder sql = new StringBuilder("select id from poll where status in ('PUBLISHED', 'CLOSED')");
        if (state != null) {
            if (state != PollState.OPEN && state != PollState.UPCOMING && state != PollState.CLOSED) {
                throw new IllegalArgumentException("not a public state: " + state);
            }
            sql.append(" and ").append(state.sqlAt(parameters.add(now.atOffset(ZoneOffset.UTC))));
        }
        if (district != null) {
            sql.append(" and (cardinality(eligible_districts) = 0 or ").append(parameters.add(district))
                    .append(" = any (eligible_districts))");
        }
        if (after != null) {
            sql.append(" and (opens_at, id) < (").append(parameters.add(after.instant(0).atOffset(ZoneOffset.UTC)))
                    .append(", ").append(parameters.add(after.uuid(1))).append(")");
        }
        sql.append(" order by opens_at desc, id desc limit ").append(parameters.add(limit));
        return pool.preparedQuery(sql.toString()).execute(parameters.tuple()).map(OrderedIds::uuids)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Poll>of())
                        : list("id in ?1", ids).map(found -> OrderedIds.inOrderOf(ids, found, poll -> poll.id)));
    }

    /** The poll as a plain object (no managed entity), read for a change in the caller's pool transaction; null if none. */
    public Uni<Poll> readForChange(SqlConnection transaction, UUID id) {
        return transaction.preparedQuery("select * from poll where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : PollRows.poll(rows.iterator().next()));
    }

    /** A new poll (a draft), in the creation's pool transaction. */
    public Uni<Void> insert(SqlConnection transaction, Poll poll) {
        return transaction.preparedQuery("""
                insert into poll (id, status, title_ru, opens_at, closes_at, closed_at, eligible_districts, min_age,
                    results_policy, allow_revote, definition, definition_hash, updated_at, published_at, created_at, version)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)""")
                .execute(PollRows.insert(poll)).replaceWithVoid();
    }

    /**
     * Writes a changed poll back if its version is still the one read, and moves the version on, as the entity's
     * {@code @Version} did; false if the poll was changed (or deleted) since it was read.
     */
    public Uni<Boolean> update(SqlConnection transaction, Poll poll) {
        return transaction.preparedQuery("""
                update poll set status = $2, title_ru = $3, opens_at = $4, closes_at = $5, closed_at = $6,
                    eligible_districts = $7, min_age = $8, results_policy = $9, allow_revote = $10, definition = $11,
                    definition_hash = $12, updated_at = $13, published_at = $14, version = version + 1
                where id = $1 and version = $15
                returning version""").execute(PollRows.update(poll))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return false;
                    }
                    poll.version = rows.iterator().next().getLong("version");
                    return true;
                });
    }

    /** Deletes the poll if its version is still the one read; false if it was changed (or deleted) since. */
    public Uni<Boolean> delete(SqlConnection transaction, Poll poll) {
        return transaction.preparedQuery("delete from poll where id = $1 and version = $2")
                .execute(Tuple.of(poll.id, poll.version)).map(rows -> rows.rowCount() > 0);
    }

    /** Marks the poll opened, in the opening's pool transaction (which holds its row locked). */
    public Uni<Void> markOpened(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("update poll set opened_at = statement_timestamp(), version = version + 1 where id = $1")
                .execute(Tuple.of(pollId)).replaceWithVoid();
    }
}
