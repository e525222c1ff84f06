package org.otklik.location;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Incidents with a point in a box for the public map: open ones, and those answered since a given instant, through
 * the GiST index {@code incident_location_box} (migration V155; keep the point expression and the not-null
 * conditions as the index has them).
 */
@ApplicationScoped
public class MapRepository {

    private static final String IN_BOX = """
            select i.number, i.category_code, i.status, i.supporters, i.location_lat, i.location_lon
            from incident i
            where point(i.location_lon, i.location_lat) <@ box(point($3, $1), point($4, $2))
              and i.location_lat is not null and i.location_lon is not null
              and (i.status = any (incident_open_statuses())
                   or (i.status in ('ANSWERED', 'CLOSED') and i.answered_at >= $5))
              and i.status = any ($6) and ($7::text[] is null or i.category_code = any ($7))
            order by i.id desc
            limit $8""";

    public record MapRow(String number, String categoryCode, String status, int supporters, double lat, double lon) {
    }

    private final Pool pool;

    public MapRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<MapRow>> inBox(Box box, Instant answeredSince, List<String> statuses, List<String> categories, int limit) {
        return pool.preparedQuery(IN_BOX).execute(Tuple.from(new Object[] { box.minLat(), box.maxLat(), box.minLon(),
                        box.maxLon(), answeredSince.atOffset(ZoneOffset.UTC), statuses.toArray(String[]::new),
                        categories == null ? null : categories.toArray(String[]::new), limit }))
                .map(rows -> {
                    List<MapRow> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new MapRow(row.getString("number"), row.getString("category_code"), row.getString("status"),
                                row.getInteger("supporters"), row.getDouble("location_lat"), row.getDouble("location_lon")));
                    }
                    return found;
                });
    }

    /** A WGS 84 bounding box. */
    public record Box(double minLon, double minLat, double maxLon, double maxLat) {
    }
}
