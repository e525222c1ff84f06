package org.otklik.media;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement on {@code media}. Reads and uploads use the pool; attaching and publishing run in the
 * transaction of the message or staff action that does it: the intake's pool transaction, or the workflow's
 * Hibernate session.
 */
@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, UUID> {

    private static final String COLUMNS = "id, uploaded_by, source_format, width, height, bytes, thumbnail_bytes, sha256,"
            + " created_at, incident_id, role, position, publishable";

    private final Pool pool;

    public MediaRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(MediaRow row) {
        return pool.preparedQuery("insert into media (id, uploaded_by, source_format, width, height, bytes, thumbnail_bytes,"
                        + " sha256, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] { row.id(), row.uploadedBy(), row.sourceFormat(), row.width(), row.height(),
                        row.bytes(), row.thumbnailBytes(), row.sha256(), utc(row.createdAt()) }))
                .replaceWithVoid();
    }

    public Uni<Optional<MediaRow>> findRow(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from media where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rowOf(rows.iterator().next())));
    }

    /** Of {@code ids}, those the subject uploaded that no message or answer took yet. */
    public Uni<List<UUID>> attachableOf(SqlConnection transaction, String subject, List<UUID> ids) {
        return transaction.preparedQuery("select id from media where id = any($1) and uploaded_by = $2 and attached_at is null")
                .execute(Tuple.of(ids.toArray(UUID[]::new), subject))
                .map(rows -> {
                    List<UUID> found = new ArrayList<>();
                    rows.forEach(row -> found.add(row.getUUID("id")));
                    return found;
                });
    }

    /**
     * Attaches the subject's unattached uploads, in the given order, in a pool transaction (a message's or an answer's).
     * @return how many were attached (fewer than asked when another message took one meanwhile)
     */
    public Uni<Integer> attach(SqlConnection transaction, String subject, List<UUID> ids, long incidentId, String role,
            Instant now) {
        return transaction.preparedQuery("""
                        update media m set incident_id = $3, role = $4, position = a.position - 1, attached_at = $5
                        from unnest($1::uuid[]) with ordinality as a(id, position)
                        where m.id = a.id and m.uploaded_by = $2 and m.attached_at is null""")
                .execute(Tuple.of(ids.toArray(UUID[]::new), subject, incidentId, role, utc(now)))
                .map(rows -> rows.rowCount());
    }

    /** Marks a photo of the incident publishable or not, in the workflow's pool transaction; false when it has no such photo. */
    public Uni<Boolean> setPublishable(SqlConnection transaction, long incidentId, UUID id, boolean publishable) {
        return transaction.preparedQuery("update media set publishable = $1 where id = $2 and incident_id = $3")
                .execute(Tuple.of(publishable, id, incidentId)).map(rows -> rows.rowCount() == 1);
    }

    /** Starts the retention term of an incident's photos, in the workflow's pool transaction. */
    public Uni<Void> markFinished(SqlConnection transaction, long incidentId, Instant at) {
        return transaction.preparedQuery("update media set finished_at = $1 where incident_id = $2 and finished_at is null")
                .execute(Tuple.of(utc(at), incidentId)).replaceWithVoid();
    }

    /** The photos of an incident in the current session (so that a staff action's view sees its own changes). */
    @WithSession
    public Uni<List<MediaRow>> ofIncident(long incidentId) {
        return list("incidentId = ?1 order by role desc, ordinal", incidentId)
                .map(found -> found.stream().map(Media::row).toList());
    }

    /** The publishable photos of each incident, in order. */
    public Uni<Map<Long, List<MediaRow>>> publishableOf(List<Long> incidentIds) {
        return pool.preparedQuery("select " + COLUMNS + " from media where publishable and incident_id = any($1)"
                        + " order by incident_id, role desc, position")
                .execute(Tuple.of(incidentIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<MediaRow>> byIncident = new HashMap<>();
                    for (MediaRow row : rowsOf(rows)) {
                        byIncident.computeIfAbsent(row.incidentId(), id -> new ArrayList<>()).add(row);
                    }
                    return byIncident;
                });
    }

    /** Uploads no message took within their time, and photos whose incident was deleted: oldest first. */
    public Uni<List<UUID>> detachedBefore(Instant createdBefore, int limit) {
        return ids("select id from media where incident_id is null and created_at < $1 order by created_at limit $2",
                Tuple.of(utc(createdBefore), limit));
    }

    /** Photos of incidents that reached a final state before {@code finishedBefore}: oldest first. */
    public Uni<List<UUID>> finishedBefore(Instant finishedBefore, int limit) {
        return ids("select id from media where finished_at < $1 order by finished_at limit $2",
                Tuple.of(utc(finishedBefore), limit));
    }

    public Uni<Integer> deleteByIds(List<UUID> ids) {
        return pool.preparedQuery("delete from media where id = any($1)").execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> rows.rowCount());
    }

    private Uni<List<UUID>> ids(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    private static List<MediaRow> rowsOf(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<MediaRow> found = new ArrayList<>();
        rows.forEach(row -> found.add(rowOf(row)));
        return found;
    }

    private static MediaRow rowOf(Row row) {
        return new MediaRow(row.getUUID("id"), row.getString("uploaded_by"), row.getString("source_format"),
                row.getInteger("width"), row.getInteger("height"), row.getInteger("bytes"), row.getInteger("thumbnail_bytes"),
                row.getString("sha256"), row.getOffsetDateTime("created_at").toInstant(), row.getLong("incident_id"),
                row.getString("role"), row.getBoolean("publishable"));
    }

}
