package org.otklik.open311;

import static org.otklik.common.database.SqlTimestamps.instant;
import static org.otklik.open311.Open311Rows.single;
import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.otklik.common.PublicCoordinates;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Open311 clients, what they sent, back-office updates, and the read side of requests and updates. */
@ApplicationScoped
public class Open311Repository {

    private static final double METRES_PER_DEGREE = 111_195;

    public record Client(UUID id, String name, String organizationCode, Instant createdAt, String createdBy,
            Instant revokedAt) {
    }

    public record AttributeRow(String categoryCode, String code, String datatype, boolean required, String description,
            String datatypeDescription, int order, String allowedValuesJson) {
    }

    public record RequestRow(long id, String number, String status, String resolution, String categoryCode,
            String organizationCode, String districtCode, Double lat, Double lon, Instant createdAt, Instant updatedAt,
            Instant resolutionDue) {
    }

    public record EventRow(long id, long incidentId, String number, String type, String status, String resolution,
            Instant occurredAt, String comment, boolean submittedByCaller) {
    }

    /** Filters of GET requests; empty numbers means "use the others". */
    public record RequestQuery(List<String> numbers, List<String> categoryCodes, Set<String> statuses,
            Optional<Instant> createdFrom, Optional<Instant> createdTo, Optional<Instant> updatedFrom,
            Optional<Instant> updatedTo, Optional<Circle> near, boolean byUpdate, int offset, int limit) {
    }

    /** Requests whose public (rounded) point lies within {@code metres} of a place. */
    public record Circle(double lat, double lon, double metres) {
    }

    // --- clients -------------------------------------------------------------------

    @WithSession
    public Uni<Optional<Client>> activeClientByKeyHash(String keyHash) {
        return rows("select id, name, organization_code, created_at, created_by, revoked_at from open311_client"
                + " where key_hash = :hash and revoked_at is null", Map.of("hash", keyHash))
                .map(rows -> rows.stream().findFirst().map(Open311Repository::client));
    }

    @WithSession
    public Uni<List<Client>> clients() {
        return rows("select id, name, organization_code, created_at, created_by, revoked_at from open311_client"
                + " order by created_at, id", Map.of())
                .map(rows -> rows.stream().map(Open311Repository::client).toList());
    }

    @WithSession
    public Uni<Optional<Client>> client(UUID id) {
        return rows("select id, name, organization_code, created_at, created_by, revoked_at from open311_client"
                + " where id = :id", Map.of("id", id))
                .map(rows -> rows.stream().findFirst().map(Open311Repository::client));
    }

    @WithSession
    public Uni<Void> insertClient(Client client, String keyHash) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", client.id());
        parameters.put("name", client.name());
        parameters.put("hash", keyHash);
        parameters.put("organization", client.organizationCode());
        parameters.put("at", utc(client.createdAt()));
        parameters.put("by", client.createdBy());
        return update("insert into open311_client (id, name, key_hash, organization_code, created_at, created_by)"
                + " values (:id, :name, :hash, cast(:organization as varchar), :at, :by)", parameters).replaceWithVoid();
    }

    @WithSession
    public Uni<Integer> revokeClient(UUID id, Instant at) {
        return update("update open311_client set revoked_at = :at where id = :id and revoked_at is null",
                Map.of("id", id, "at", utc(at)));
    }

    private static Client client(Object[] row) {
        return new Client((UUID) row[0], (String) row[1], (String) row[2], instant(row[3]), (String) row[4], instant(row[5]));
    }

    // --- service definitions -------------------------------------------------------

    @WithSession
    public Uni<List<AttributeRow>> attributes() {
        return rows("select category_code, code, datatype, required, description_ru, datatype_description, sort_order,"
                + " allowed_values::text from category_attribute order by category_code, sort_order, code", Map.of())
                .map(rows -> rows.stream().map(row -> new AttributeRow((String) row[0], (String) row[1], (String) row[2],
                        (Boolean) row[3], (String) row[4], (String) row[5], ((Number) row[6]).intValue(), (String) row[7]))
                        .toList());
    }

    // --- requests --------------------------------------------------------------------

    /** What a client sent with a request, in the intake's pool transaction. */
    public Uni<Void> insertRequest(SqlConnection transaction, long incidentId, UUID clientId, String token,
            Map<String, String> details, String attributesJson) {
        return transaction.preparedQuery("insert into open311_request (incident_id, client_id, token, device_id, account_id,"
                        + " address_id, first_name, last_name, attributes) values ($1, $2, $3, $4, $5, $6, $7, $8, cast($9 as jsonb))")
                .execute(Tuple.from(new Object[] { incidentId, clientId, token, details.get("device_id"),
                        details.get("account_id"), details.get("address_id"), details.get("first_name"),
                        details.get("last_name"), attributesJson }))
                .replaceWithVoid();
    }

    /** The token a client got for a request, in the intake's pool transaction. */
    public Uni<Optional<String>> tokenOf(SqlConnection transaction, long incidentId) {
        return transaction.preparedQuery("select token from open311_request where incident_id = $1")
                .execute(Tuple.of(incidentId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("token")));
    }

    @WithSession
    public Uni<Optional<String>> numberOfToken(String token) {
        return rows("select i.number from open311_request r join incident i on i.id = r.incident_id where r.token = :token",
                Map.of("token", token))
                .map(rows -> rows.stream().findFirst().map(row -> (String) single(row)));
    }

    @WithSession
    public Uni<List<RequestRow>> requests(RequestQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder sql = new StringBuilder("select id, number, status, resolution, category_code, organization_code,"
                + " district_code, location_lat, location_lon, created_at, updated_at, resolution_due from incident where ");
        if (!query.numbers().isEmpty()) {
            sql.append("number in (:numbers)");
            parameters.put("numbers", query.numbers());
        } else {
            // a listing walks the city: rejected messages (spam, abuse, not a municipal matter) stay out of it
            sql.append("status <> 'REJECTED'");
            if (!query.categoryCodes().isEmpty()) {
                sql.append(" and category_code in (:categories)");
                parameters.put("categories", query.categoryCodes());
            }
            if (!query.statuses().isEmpty()) {
                sql.append(" and status in (:statuses)");
                parameters.put("statuses", List.copyOf(query.statuses()));
            }
            query.near().ifPresent(circle -> {
                // the box (index incident_location_box, V155) holds every exact point whose rounded one may be inside
                double reach = circle.metres() + PublicCoordinates.MAX_SHIFT_METRES;
                double dLat = reach / METRES_PER_DEGREE;
                double dLon = reach / (METRES_PER_DEGREE * Math.cos(Math.toRadians(circle.lat())));
                sql.append(" and location_lat is not null and location_lon is not null")
                        .append(" and point(location_lon, location_lat) <@ box(point(:west, :south), point(:east, :north))")
                        .append(" and public.cube_distance(geo_point(cast(round(cast(location_lat as numeric), 3) as double precision),")
                        .append(" cast(round(cast(location_lon as numeric), 3) as double precision)), geo_point(:lat, :lon)) <= :radius");
                parameters.put("west", circle.lon() - dLon);
                parameters.put("east", circle.lon() + dLon);
                parameters.put("south", circle.lat() - dLat);
                parameters.put("north", circle.lat() + dLat);
                parameters.put("lat", circle.lat());
                parameters.put("lon", circle.lon());
                parameters.put("radius", circle.metres());
            });
            query.createdFrom().ifPresent(at -> {
                sql.append(" and created_at >= :createdFrom");
                parameters.put("createdFrom", utc(at));
            });
            query.createdTo().ifPresent(at -> {
                sql.append(" and created_at <= :createdTo");
                parameters.put("createdTo", utc(at));
            });
            query.updatedFrom().ifPresent(at -> {
                sql.append(" and updated_at >= :updatedFrom");
                parameters.put("updatedFrom", utc(at));
            });
            query.updatedTo().ifPresent(at -> {
                sql.append(" and updated_at <= :updatedTo");
                parameters.put("updatedTo", utc(at));
            });
        }
        sql.append(query.byUpdate() ? " order by updated_at desc, id desc" : " order by created_at desc, id desc");
        sql.append(" limit :limit offset :offset");
        parameters.put("limit", query.limit());
        parameters.put("offset", query.offset());
        return rows(sql.toString(), parameters).map(rows -> rows.stream().map(row -> new RequestRow(
                ((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], (String) row[6], (Double) row[7], (Double) row[8], instant(row[9]), instant(row[10]),
                instant(row[11]))).toList());
    }

    /**
     * Public timeline entries, oldest first, with or without the submission; {@code submitter} marks
     * those of incidents the calling client submitted.
     */
    @WithSession
    public Uni<List<EventRow>> publicEvents(List<Long> incidentIds, Optional<Instant> from, Optional<Instant> to,
            String submitter, boolean withSubmissions, int offset, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder sql = new StringBuilder("select e.id, e.incident_id, i.number, e.type, e.status, i.resolution,"
                + " e.occurred_at, e.comment, i.submitted_by = :submitter from incident_event e"
                + " join incident i on i.id = e.incident_id where e.public");
        if (!withSubmissions) {
            sql.append(" and e.type <> 'SUBMITTED'");
        }
        parameters.put("submitter", submitter == null ? "" : submitter);
        if (incidentIds != null) {
            sql.append(" and e.incident_id in (:ids)");
            parameters.put("ids", incidentIds);
        }
        from.ifPresent(at -> {
            sql.append(" and e.occurred_at >= :from");
            parameters.put("from", utc(at));
        });
        to.ifPresent(at -> {
            sql.append(" and e.occurred_at <= :to");
            parameters.put("to", utc(at));
        });
        sql.append(" order by e.occurred_at, e.id limit :limit offset :offset");
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        return rows(sql.toString(), parameters).map(rows -> rows.stream().map(row -> new EventRow(
                ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], instant(row[6]), (String) row[7], Boolean.TRUE.equals(row[8]))).toList());
    }

    // --- back-office updates ---------------------------------------------------------

    /** Records an update in the caller's pool transaction; false when this client sent that update_id before (then nothing is recorded). */
    public Uni<Boolean> claimUpdate(SqlConnection transaction, UUID clientId, String updateId, long incidentId, String status,
            String description, Instant updatedAt, Instant receivedAt) {
        return transaction.preparedQuery("insert into open311_update (client_id, update_id, incident_id, status, description,"
                        + " updated_at, received_at) values ($1, $2, $3, $4, $5, $6, $7)"
                        + " on conflict on constraint open311_update_once do nothing")
                .execute(Tuple.from(new Object[] { clientId, updateId, incidentId, status, description, utc(updatedAt),
                        utc(receivedAt) }))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Long>> incidentIdOf(SqlConnection transaction, String number) {
        return transaction.preparedQuery("select id from incident where number = $1").execute(Tuple.of(number))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }

    /** A native statement in the current session. */
    private static Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(Open311Rows::asRows);
    }

    private static Uni<Integer> update(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            Mutiny.MutationQuery query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
