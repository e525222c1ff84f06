package org.otklik.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Open incidents with a point near a place, through the GiST index {@code incident_open_location} (migration
 * V121): the search box is a cube around the place, then the nearest first. Exact points stay in the service,
 * which answers with rounded ones.
 */
@ApplicationScoped
public class NearbyRepository {

    /** Keep this statement's where-clause matching the partial index's predicate, or the index is not used. */
    static final String NEARBY = """
            select i.number, i.status, i.created_at, i.supporters, i.location_lat, i.location_lon
            from incident i
            where geo_point(i.location_lat, i.location_lon) operator(public.<@) public.cube_enlarge(geo_point($1, $2), $3, 3)
              and i.location_lat is not null and i.location_lon is not null and i.status = any (incident_open_statuses())
              and i.category_code = any ($4)
            order by public.cube_distance(geo_point(i.location_lat, i.location_lon), geo_point($1, $2)), i.id
            limit $5""";

    public record Candidate(String number, String status, Instant createdAt, int supporters, double lat, double lon) {
    }

    private final Pool pool;

    public NearbyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Candidate>> openWithin(double lat, double lon, double metres, List<String> categories, int limit) {
        return pool.preparedQuery(NEARBY)
                .execute(Tuple.of(lat, lon, metres, categories.toArray(String[]::new), limit))
                .map(rows -> {
                    List<Candidate> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new Candidate(row.getString("number"), row.getString("status"),
                                row.getOffsetDateTime("created_at").toInstant(), row.getInteger("supporters"),
                                row.getDouble("location_lat"), row.getDouble("location_lon")));
                    }
                    return found;
                });
    }
}
