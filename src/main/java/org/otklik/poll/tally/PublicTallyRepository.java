package org.otklik.poll.tally;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.poll.tally.TallyRepository.TallyRow;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The last published public results of LIVE polls, shared by all replicas: a snapshot is replaced
 * only by one with at least {@code small-group-threshold} more participants.
 */
@ApplicationScoped
public class PublicTallyRepository {

    public record Published(long participants, List<TallyRow> rows, Instant publishedAt) {
    }

    private static final String PUBLISH = """
            with published as (
                insert into poll_public_tally (poll_id, participants, tallies, published_at)
                values ($1, $2, $3, $4)
                on conflict (poll_id) do update
                set participants = excluded.participants, tallies = excluded.tallies, published_at = excluded.published_at
                where excluded.participants >= poll_public_tally.participants + $5
                returning participants, tallies, published_at)
            select participants, tallies, published_at from published
            union all
            select participants, tallies, published_at from poll_public_tally
            where poll_id = $1 and not exists (select 1 from published)""";

    private final Pool pool;

    public PublicTallyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Published>> find(UUID pollId) {
        return pool.preparedQuery("select participants, tallies, published_at from poll_public_tally where poll_id = $1")
                .execute(Tuple.of(pollId)).map(PublicTallyRepository::first);
    }

    /** Publishes the rows unless another replica has just published a snapshot less than a step behind them. */
    public Uni<Optional<Published>> publish(UUID pollId, long participants, List<TallyRow> rows, Instant now, int step) {
        JsonArray tallies = new JsonArray();
        for (TallyRow row : rows) {
            tallies.add(new JsonObject().put("d", row.dimension()).put("g", row.group()).put("k", row.key())
                    .put("v", row.votes()));
        }
        return pool.preparedQuery(PUBLISH)
                .execute(Tuple.tuple().addUUID(pollId).addLong(participants).addValue(tallies)
                        .addOffsetDateTime(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).addInteger(step))
                .map(PublicTallyRepository::first);
    }

    private static Optional<Published> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        JsonArray tallies = (JsonArray) row.getValue("tallies");
        List<TallyRow> parsed = new ArrayList<>(tallies.size());
        for (int i = 0; i < tallies.size(); i++) {
            JsonObject t = tallies.getJsonObject(i);
            parsed.add(new TallyRow(t.getString("d"), t.getString("g"), t.getString("k"), t.getLong("v")));
        }
        return Optional.of(new Published(row.getLong("participants"), parsed,
                row.getOffsetDateTime("published_at").toInstant()));
    }

    /** Forgets the poll's published live results (its final results replace them). */
    public Uni<Void> delete(SqlConnection transaction, UUID pollId) {
        return transaction.preparedQuery("delete from poll_public_tally where poll_id = $1").execute(Tuple.of(pollId))
                .replaceWithVoid();
    }
}
