package org.otklik.stats;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The deltas the incident triggers leave in {@code stats_delta} until {@link StatsRollups} folds them, and the
 * transaction settings of the fold and of the reports' reads.
 */
@ApplicationScoped
public class StatsDeltaRepository {

    /** The oldest deltas, up to a batch: their id range, how many, and when the first was written. */
    record Batch(long firstId, long lastId, long deltas, OffsetDateTime firstCreated) {
    }

    Uni<Void> repeatableRead(SqlConnection connection) {
        return connection.query("set transaction isolation level repeatable read").execute().replaceWithVoid();
    }

    /** One read-only snapshot, without parallel workers (the reports' reads are small). */
    Uni<Void> readOnlySnapshot(SqlConnection connection) {
        return connection.query("set transaction isolation level repeatable read, read only;"
                + " set local max_parallel_workers_per_gather = 0").execute().replaceWithVoid();
    }

    Uni<Batch> oldest(SqlConnection connection, int limit) {
        return connection.preparedQuery("""
                select min(id) as first_id, max(id) as last_id, count(*) as deltas, min(created_at) as first_created
                from (select id, created_at from stats_delta order by id limit $1) as batch""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long deltas = row.getLong("deltas");
                    return deltas == 0 ? new Batch(0, 0, 0, null)
                            : new Batch(row.getLong("first_id"), row.getLong("last_id"), deltas,
                                    row.getOffsetDateTime("first_created"));
                });
    }

    Uni<Void> delete(SqlConnection connection, long firstId, long lastId) {
        return connection.preparedQuery("delete from stats_delta where id between $1 and $2")
                .execute(Tuple.of(firstId, lastId)).replaceWithVoid();
    }

    /** Holds incident writes at their trigger until the transaction ends. */
    Uni<Void> lockAgainstWrites(SqlConnection connection) {
        return connection.query("lock table stats_delta in share row exclusive mode").execute().replaceWithVoid();
    }

    Uni<Void> deleteCreated(SqlConnection connection, Instant start, Instant end) {
        return connection.preparedQuery("delete from stats_delta where created_at >= $1 and created_at < $2")
                .execute(Tuple.of(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}
