package org.otklik.notice;

import static org.otklik.common.database.SqlTimestamps.instant;
import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.otklik.common.database.OrderedIds;
import org.otklik.common.database.PositionalParameters;
import org.otklik.common.web.KeysetCursor;
import org.otklik.incident.IncidentStatus;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Notices, their earlier versions and their links to incidents; every list is keyset-paged on an index. */
@ApplicationScoped
public class NoticeRepository implements PanacheRepositoryBase<Notice, Long> {

    private static final String OPEN_INCIDENT = IncidentStatus.OPEN_SQL;

    /** Writes every column a change may touch; the revision check stands in for the entity's {@code @Version}. */
    private static final String UPDATE = """
            update notice set kind = $2, status = $3, title_ru = $4, title_en = $5, text_ru = $6, text_en = $7,
                category_code = $8, district_codes = $9, addresses = $10, point_lat = $11, point_lon = $12, radius_m = $13,
                starts_at = $14, ends_at = $15, organization_code = $16, version = $17, updated_at = $18, published_at = $19,
                content_updated_at = $20, ended_at = $21, cancelled_at = $22, revision = revision + 1
            where id = $1 and revision = $23
            returning revision""";

    private final Pool pool;

    public NoticeRepository(Pool pool) {
        this.pool = pool;
    }

    /** The notice, locked for the change in the caller's pool transaction (the lock Hibernate's PESSIMISTIC_WRITE took); null if none. */
    public Uni<Notice> lockById(SqlConnection transaction, long id) {
        return transaction.preparedQuery("select * from notice where id = $1 for no key update").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : NoticeRows.notice(rows.iterator().next()));
    }

    /** A new notice (a draft), in the creation's pool transaction: sets its id; its revision starts at 0. */
    public Uni<Void> insert(SqlConnection transaction, Notice notice) {
        return transaction.preparedQuery("""
                insert into notice (kind, status, title_ru, title_en, text_ru, text_en, category_code, district_codes, addresses,
                    point_lat, point_lon, radius_m, starts_at, ends_at, organization_code, version, created_at, created_by,
                    updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
                returning id, revision""").execute(NoticeRows.insert(notice))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    notice.id = row.getLong("id");
                    notice.revision = row.getInteger("revision");
                })
                .replaceWithVoid();
    }

    /** Writes a changed notice back and moves its revision on (the ETag). */
    public Uni<Void> update(SqlConnection transaction, Notice notice) {
        return transaction.preparedQuery(UPDATE).execute(NoticeRows.update(notice))
                .invoke(rows -> notice.revision = rows.iterator().next().getInteger("revision"))
                .replaceWithVoid();
    }

    /** Newest first; {@code organization} confines an executor to its own notices. */
    @WithSession
    public Uni<List<Notice>> adminPage(Optional<String> organization, Optional<NoticeStatus> status,
            Optional<KeysetCursor> after, int limit) {
        PositionalParameters parameters = new PositionalParameters();
        StringBuilder where = new StringBuilder("true");
        organization.ifPresent(o -> where.append(" and organization_code = ").append(parameters.add(o)));
        status.ifPresent(s -> where.append(" and status = ").append(parameters.add(s.name())));
        after.ifPresent(a -> where.append(" and (created_at, id) < (").append(parameters.add(utc(a.at()))).append(", ")
                .append(parameters.add(a.id())).append(")"));
        return entities("select id from notice where " + where + " order by created_at desc, id desc limit "
                + parameters.add(limit + 1), parameters);
    }

    /** Notices that were published (never drafts), latest start first. */
    @WithSession
    public Uni<List<Notice>> publicPage(Optional<String> district, List<String> topics, Optional<NoticeState> state,
            Instant now, Optional<KeysetCursor> after, int limit) {
        PositionalParameters parameters = new PositionalParameters();
        StringBuilder where = publicConditions(district, parameters);
        if (!topics.isEmpty()) {
            where.append(" and category_code = any(").append(parameters.add(topics.toArray(String[]::new))).append(")");
        }
        state.ifPresent(s -> {
            String at = s == NoticeState.CANCELLED || s == NoticeState.DRAFT ? null : parameters.add(utc(now));
            where.append(switch (s) {
                case ACTIVE -> " and status = 'PUBLISHED' and starts_at <= " + at + " and ends_at > " + at;
                case UPCOMING -> " and status = 'PUBLISHED' and starts_at > " + at;
                case ENDED -> " and (status = 'ENDED' or (status = 'PUBLISHED' and ends_at <= " + at + "))";
                case CANCELLED -> " and status = 'CANCELLED'";
                case DRAFT -> " and false";
            });
        });
        after.ifPresent(a -> where.append(" and (starts_at, id) < (").append(parameters.add(utc(a.at()))).append(", ")
                .append(parameters.add(a.id())).append(")"));
        return entities("select id from notice where " + where + " order by starts_at desc, id desc limit "
                + parameters.add(limit + 1), parameters);
    }

    /** The latest changed published notices, for the Atom feed. */
    @WithSession
    public Uni<List<Notice>> latestChanged(Optional<String> district, int limit) {
        PositionalParameters parameters = new PositionalParameters();
        StringBuilder where = publicConditions(district, parameters);
        return entities("select id from notice where " + where + " order by updated_at desc, id desc limit "
                + parameters.add(limit), parameters);
    }

    private static StringBuilder publicConditions(Optional<String> district, PositionalParameters parameters) {
        StringBuilder where = new StringBuilder("published_at is not null");
        district.ifPresent(d -> where.append(" and (cardinality(district_codes) = 0 or district_codes @> array[")
                .append(parameters.add(d)).append("::text])"));
        return where;
    }

    /**
     * The ids through the pool, in order, then the entities in the caller's session: Hibernate keeps no
     * reusable plan for a native select with an entity result (each call would add an entry to its query-plan cache).
     */
    private Uni<List<Notice>> entities(String idsSql, PositionalParameters parameters) {
        return pool.preparedQuery(idsSql).execute(parameters.tuple()).map(OrderedIds::of)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Notice>of())
                        : list("id in ?1", ids).map(found -> OrderedIds.inOrderOf(ids, found, notice -> notice.id)));
    }

    public Uni<Void> saveVersion(SqlConnection transaction, Notice notice, String contentJson, Instant validFrom,
            Instant replacedAt, String replacedBy) {
        return transaction.preparedQuery("""
                insert into notice_version (notice_id, version, content, valid_from, replaced_at, replaced_by)
                values ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(notice.id, notice.version, contentJson, utc(validFrom), utc(replacedAt), replacedBy))
                .replaceWithVoid();
    }

    public record StoredVersion(int version, String contentJson, Instant validFrom, Instant replacedAt, String replacedBy) {
    }

    @WithSession
    public Uni<List<StoredVersion>> versions(long noticeId) {
        return getSession().chain(session -> session.createNativeQuery("""
                select version, content, valid_from, replaced_at, replaced_by from notice_version
                where notice_id = :notice order by version""", Object[].class)
                .setParameter("notice", noticeId)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new StoredVersion(((Number) row[0]).intValue(), (String) row[1],
                        instant(row[2]), instant(row[3]), (String) row[4])).toList()));
    }

    public record LinkedRow(String number, String status, String organizationCode, Instant createdAt, int version) {
    }

    /** Linked incidents, newest first; {@code organization} confines an executor. */
    @WithSession
    public Uni<List<LinkedRow>> linkedIncidents(long noticeId, Optional<String> organization, boolean openOnly, int limit) {
        String sql = "select i.number, i.status, i.organization_code, i.created_at, i.version from notice_incident l"
                + " join incident i on i.id = l.incident_id where l.notice_id = :notice"
                + (organization.isPresent() ? " and i.organization_code = :organization" : "")
                + (openOnly ? " and i.status in " + OPEN_INCIDENT : "")
                + " order by i.created_at desc, i.id desc limit " + limit;
        return getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class).setParameter("notice", noticeId);
            organization.ifPresent(o -> query.setParameter("organization", o));
            return query.getResultList().map(rows -> rows.stream()
                    .map(row -> new LinkedRow((String) row[0], (String) row[1], (String) row[2], instant(row[3]),
                            ((Number) row[4]).intValue()))
                    .toList());
        });
    }

    /** [total, open] linked incidents. */
    @WithSession
    public Uni<long[]> linkedCounts(long noticeId, Optional<String> organization) {
        String sql = "select count(*), count(*) filter (where i.status in " + OPEN_INCIDENT + ") from notice_incident l"
                + " join incident i on i.id = l.incident_id where l.notice_id = :notice"
                + (organization.isPresent() ? " and i.organization_code = :organization" : "");
        return getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class).setParameter("notice", noticeId);
            organization.ifPresent(o -> query.setParameter("organization", o));
            return query.getSingleResult().map(row -> new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue() });
        });
    }

    /**
     * Whether notice {@code n} covers incident {@code i} by place: its circle for an incident with a location,
     * its addresses for one with an address (one contained in the incident's address), otherwise its
     * districts (none: the whole city).
     */
    private static final String COVERS = """
            ((n.point_lat is not null and i.location_lat is not null
                and 2 * 6371008.8 * asin(sqrt(power(sin(radians(i.location_lat - n.point_lat) / 2), 2)
                    + cos(radians(n.point_lat)) * cos(radians(i.location_lat))
                    * power(sin(radians(i.location_lon - n.point_lon) / 2), 2))) <= n.radius_m)
             or (cardinality(n.addresses) > 0 and i.address is not null
                and exists (select 1 from unnest(n.addresses) a where strpos(lower(i.address), lower(a)) > 0))
             or ((n.point_lat is null or i.location_lat is null) and (cardinality(n.addresses) = 0 or i.address is null)
                and (cardinality(n.district_codes) = 0 or n.district_codes @> array[i.district_code]::text[])))""";

    /** A notice an incident is linked to, as the intake's receipt names it. */
    public record LinkedNotice(long id, String titleRu, String titleEn, Instant endsAt) {
    }

    /**
     * Links an incident to every running published notice on one of {@code topics} that covers its place, in
     * the intake's pool transaction, and returns the notices linked, soonest end first.
     */
    public Uni<List<LinkedNotice>> linkIncident(SqlConnection transaction, long incidentId, List<String> topics,
            Instant now) {
        return transaction.preparedQuery("with linked as (insert into notice_incident (notice_id, incident_id, linked_at)"
                        + " select n.id, i.id, $3 from incident i join notice n"
                        + " on n.status = 'PUBLISHED' and n.starts_at <= $3 and n.ends_at > $3 and n.category_code = any($2)"
                        + " where i.id = $1 and " + COVERS + " on conflict do nothing returning notice_id)"
                        + " select n.id, n.title_ru, n.title_en, n.ends_at from notice n join linked l on l.notice_id = n.id"
                        + " order by n.ends_at, n.id")
                .execute(Tuple.of(incidentId, topics.toArray(String[]::new), utc(now)))
                .map(NoticeRepository::linkedNotices);
    }

    /**
     * Links a notice being published to the open incidents received since it started whose category is in
     * {@code categories} and whose place it covers: the messages that came in before the notice went out.
     */
    public Uni<Integer> linkOpenIncidents(SqlConnection transaction, long noticeId, List<String> categories, Instant now) {
        return transaction.preparedQuery("insert into notice_incident (notice_id, incident_id, linked_at)"
                        + " select n.id, i.id, $3 from notice n join incident i"
                        + " on i.status in " + OPEN_INCIDENT + " and i.created_at >= n.starts_at and i.created_at <= $3"
                        + " and i.category_code = any($2)"
                        + " where n.id = $1 and " + COVERS + " on conflict do nothing")
                .execute(Tuple.of(noticeId, categories.toArray(String[]::new), utc(now)))
                .map(rows -> rows.rowCount());
    }

    /** The notices an incident is linked to, soonest end first, in the intake's pool transaction. */
    public Uni<List<LinkedNotice>> linkedTo(SqlConnection transaction, long incidentId) {
        return transaction.preparedQuery("select n.id, n.title_ru, n.title_en, n.ends_at from notice n"
                        + " join notice_incident l on l.notice_id = n.id where l.incident_id = $1 order by n.ends_at, n.id")
                .execute(Tuple.of(incidentId))
                .map(NoticeRepository::linkedNotices);
    }

    private static List<LinkedNotice> linkedNotices(RowSet<Row> rows) {
        List<LinkedNotice> linked = new ArrayList<>(rows.size());
        rows.forEach(row -> linked.add(new LinkedNotice(row.getLong("id"), row.getString("title_ru"),
                row.getString("title_en"), row.getOffsetDateTime("ends_at").toInstant())));
        return linked;
    }

}
