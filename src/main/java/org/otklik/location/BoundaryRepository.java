package org.otklik.location;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code district_boundary} table, through the plain reactive client. */
@ApplicationScoped
public class BoundaryRepository {

    /** A stored boundary: the feature's geometry and properties as JSON text. */
    public record StoredBoundary(String districtCode, String geometry, String properties) {
    }

    private final Pool pool;

    public BoundaryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredBoundary>> all() {
        return pool.query("select b.district_code, b.geometry::text as geometry, b.properties::text as properties"
                        + " from district_boundary b join district d on d.code = b.district_code order by d.sort_order")
                .execute()
                .map(rows -> {
                    List<StoredBoundary> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new StoredBoundary(row.getString("district_code"), row.getString("geometry"),
                                row.getString("properties")));
                    }
                    return found;
                });
    }

    /** Replaces every boundary in one transaction. */
    public Uni<Void> replaceAll(List<StoredBoundary> boundaries, Instant now) {
        List<Tuple> rows = boundaries.stream()
                .map(b -> Tuple.of(b.districtCode(), new JsonObject(b.geometry()), new JsonObject(b.properties()),
                        now.atOffset(ZoneOffset.UTC)))
                .toList();
        return pool.withTransaction(connection -> connection.query("delete from district_boundary").execute()
                .chain(() -> connection.preparedQuery("insert into district_boundary (district_code, geometry, properties,"
                        + " updated_at) values ($1, $2, $3, $4)").executeBatch(rows)))
                .replaceWithVoid();
    }
}
