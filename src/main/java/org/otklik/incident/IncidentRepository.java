package org.otklik.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;
import org.otklik.common.web.KeysetCursor;
import org.otklik.routing.Overdue;
import org.otklik.security.Channel;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import static org.otklik.incident.IncidentRows.incidentOf;
import static org.otklik.common.database.SqlTimestamps.instant;
import static org.otklik.common.database.SqlTimestamps.utc;

/**
 * The {@code incident} table. Every write goes through the pool: intake registers new incidents in its pool
 * transaction, the workflow locks an incident, loads it into an {@link Incident} and writes back what changed
 * ({@link #update}, through {@link IncidentTransaction}), a support counts itself. The views read {@link Incident}
 * entities in a session; the public status lookup reads a {@link PublicStatusRow} in one statement.
 */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, Long> {

    /**
     * The main incident is a lateral subquery (its limit keeps the planner from flattening it into a join) so that
     * it is always probed by the duplicate's key: as a plain left join, on a table whose statistics lag behind a bulk
     * load, the planner chose a nested loop that read every incident per lookup (43 req/s in bench-api.sh).
     */
    private static final String PUBLIC_STATUS = "select i.id, i.number, i.category_code, i.district_code, i.created_at,"
            + " i.updated_at, m.number as main_number, coalesce(m.status, i.status) as status,"
            + " coalesce(m.organization_code, i.organization_code) as organization_code, m.updated_at as main_updated_at,"
            + " coalesce(m.first_response_due, i.first_response_due) as first_response_due,"
            + " coalesce(m.resolution_due, i.resolution_due) as resolution_due,"
            + " case when m.id is null then i.first_responded_at else m.first_responded_at end as first_responded_at,"
            + " case when m.id is null then i.answer_text is not null else m.answer_text is not null end as has_answer,"
            + " case when m.id is null then i.resolution else m.resolution end as resolution,"
            + " case when m.id is null then i.answered_at else m.answered_at end as answered_at,"
            + " coalesce(m.supporters, i.supporters) as supporters"
            + " from incident i left join lateral (select * from incident d where d.id = i.duplicate_of limit 1) m on true"
            + " where i.number = $1";

    private static final String INSERT = """
            insert into incident (number, channel, external_id, social_platform, source_url, source_page_id,
                source_posted_at, category_code, category_confidence, district_code, address, location_lat, location_lon,
                text, attachments, author_subject, author_external_id, author_handle, submitted_by, contact_phone,
                contact_email, organization_code, redirect_to_confirm, status, first_response_due, resolution_due,
                created_at, updated_at, answer_attachments, reopen_count, version, notify, notify_email, language, district_source)
            select $1 || '-' || lpad(n::text, greatest(6, length(n::text)), '0'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, '{}', 0, 0, $29, $30, $31, $32
            from nextval('incident_number_seq') n
            returning id, number""";

    private static final String UPDATE = """
            update incident set status = $2, organization_code = $3, redirect_to_confirm = $4, rejection_reason = $5,
                resolution = $6, answer_text = $7, answer_attachments = $8, redirected_to = $9, interim_answer_text = $10,
                interim_planned_date = $11, interim_answered_at = $12, reopen_count = $13, rating_accepted = $14,
                rating_comment = $15, rated_at = $16, resolution_due = $17, first_responded_at = $18, answered_at = $19,
                closed_at = $20, duplicate_of = $21, updated_at = $22, version = version + 1
            where id = $1 and version = $23
            returning version""";

    private final Pool pool;

    public IncidentRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * What the public status of an incident shows: its own codes and dates and, for a merged duplicate,
     * the status, organisation, deadlines and answer of the main incident. No free text is read.
     */
    public record PublicStatusRow(long id, String number, String categoryCode, String districtCode, Instant createdAt,
            Instant updatedAt, String mainNumber, IncidentStatus status, String organizationCode, Instant mainUpdatedAt,
            Instant firstResponseDue, Instant resolutionDue, Instant firstRespondedAt, boolean hasAnswer,
            Resolution resolution, Instant answeredAt, int supporters) {
    }

    /** Through the pool, one round trip. */
    public Uni<Optional<PublicStatusRow>> findPublicStatus(String number) {
        return pool.preparedQuery(PUBLIC_STATUS).execute(Tuple.of(number))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(publicStatusOf(rows.iterator().next())));
    }

    private static PublicStatusRow publicStatusOf(Row row) {
        String resolution = row.getString("resolution");
        return new PublicStatusRow(row.getLong("id"), row.getString("number"), row.getString("category_code"), row.getString("district_code"),
                instant(row, "created_at"), instant(row, "updated_at"), row.getString("main_number"),
                IncidentStatus.valueOf(row.getString("status")), row.getString("organization_code"),
                instant(row, "main_updated_at"), instant(row, "first_response_due"), instant(row, "resolution_due"),
                instant(row, "first_responded_at"), row.getBoolean("has_answer"),
                resolution == null ? null : Resolution.valueOf(resolution), instant(row, "answered_at"),
                row.getInteger("supporters"));
    }

    /** Counts a new supporter on the incident, in the transaction that added them. */
    public Uni<Void> countSupporter(SqlConnection transaction, long incidentId) {
        return transaction.preparedQuery("update incident set supporters = supporters + 1 where id = $1")
                .execute(Tuple.of(incidentId)).replaceWithVoid();
    }

    /** Serialises work on one external message within a pool transaction. */
    public Uni<Void> lockExternalMessage(SqlConnection transaction, Channel channel, SocialPlatform platform,
            String externalId) {
        return AdvisoryLockRepository.lock(transaction, "external-message", channel, platform, externalId);
    }

    /** The incident registered for a channel's message, through the intake's pool transaction. */
    public Uni<Optional<Incident>> findExternalMessage(SqlConnection transaction, Channel channel, SocialPlatform platform,
            String externalId) {
        return transaction.preparedQuery("select * from incident where channel = $1 and coalesce(social_platform, '') = $2"
                        + " and external_id = $3")
                .execute(Tuple.of(channel.name(), platform == null ? "" : platform.name(), externalId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(incidentOf(rows.iterator().next())));
    }

    /**
     * Inserts a new incident in the intake's pool transaction and sets its id, number and version. The
     * number is {@code prefix-NNNNNN} from the number sequence, drawn in the same statement.
     */
    public Uni<Incident> insert(SqlConnection transaction, Incident incident, String numberPrefix) {
        return transaction.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
                numberPrefix, incident.channel.name(), incident.externalId,
                incident.socialPlatform == null ? null : incident.socialPlatform.name(), incident.sourceUrl,
                incident.sourcePageId, utc(incident.sourcePostedAt), incident.categoryCode, incident.categoryConfidence,
                incident.districtCode, incident.address, incident.locationLat, incident.locationLon, incident.text,
                incident.attachments, incident.authorSubject, incident.authorExternalId, incident.authorHandle,
                incident.submittedBy, incident.contactPhone, incident.contactEmail, incident.organizationCode,
                incident.redirectToConfirm, incident.status.name(), utc(incident.firstResponseDue),
                utc(incident.resolutionDue), utc(incident.createdAt), utc(incident.updatedAt), incident.notify,
                incident.notifyEmail, incident.language,
                incident.districtSource == null ? null : incident.districtSource.name() }))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    incident.id = row.getLong("id");
                    incident.number = row.getString("number");
                    incident.version = 0;
                    return incident;
                });
    }

    /**
     * The workflow's read of an incident in its pool transaction, the row locked until the transaction ends (the lock
     * Hibernate took for it: one that a new supporter's or update's reference to the row does not wait for).
     */
    public Uni<Optional<Incident>> lockByNumber(SqlConnection transaction, String number) {
        return one(transaction, "select * from incident where number = $1 for no key update", number);
    }

    public Uni<Optional<Incident>> lockById(SqlConnection transaction, long id) {
        return one(transaction, "select * from incident where id = $1 for no key update", id);
    }

    /** Unlocked: a merge's main incident, written back (if it changed) under its version. */
    public Uni<Optional<Incident>> findById(SqlConnection transaction, long id) {
        return one(transaction, "select * from incident where id = $1", id);
    }

    private static Uni<Optional<Incident>> one(SqlConnection transaction, String sql, Object key) {
        return transaction.preparedQuery(sql).execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(incidentOf(rows.iterator().next())));
    }

    /** The incidents merged into {@code mainId}, in the workflow's pool transaction. */
    public Uni<List<Incident>> duplicatesOf(SqlConnection transaction, long mainId) {
        return transaction.preparedQuery("select * from incident where duplicate_of = $1 order by created_at, id")
                .execute(Tuple.of(mainId))
                .map(rows -> {
                    List<Incident> duplicates = new java.util.ArrayList<>();
                    rows.forEach(row -> duplicates.add(incidentOf(row)));
                    return duplicates;
                });
    }

    /** The duplicates of an incident merged into another become the other's (their versions stay). */
    public Uni<Void> moveDuplicates(SqlConnection transaction, long fromId, long toId) {
        return transaction.preparedQuery("update incident set duplicate_of = $1 where duplicate_of = $2")
                .execute(Tuple.of(toId, fromId)).replaceWithVoid();
    }

    /**
     * Writes back what the workflow changed of an incident loaded at {@code incident.version}, and moves the version
     * on; the incident's {@code version} becomes the new one. 409 when the row moved on meanwhile.
     */
    public Uni<Void> update(SqlConnection transaction, Incident incident, IncidentRows.WorkflowState state) {
        Object[] values = new Object[23];
        values[0] = incident.id;
        System.arraycopy(state.values(), 0, values, 1, 21);
        values[22] = incident.version;
        return transaction.preparedQuery(UPDATE).execute(Tuple.from(values)).map(rows -> {
            if (rows.size() == 0) {
                throw org.otklik.common.problem.ProblemException.conflict("The incident " + incident.number + " changed meanwhile.");
            }
            incident.version = rows.iterator().next().getInteger("version");
            return incident;
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<Incident> findByNumber(String number) {
        return find("number", number).firstResult();
    }

    /** A page of an author's incidents, newest first, one more than {@code limit} to tell if more follow. */
    @WithSession
    public Uni<List<Incident>> pageOfAuthor(String authorSubject, Collection<IncidentStatus> statuses,
            Optional<KeysetCursor> after, int limit) {
        StringBuilder query = new StringBuilder("authorSubject = :author");
        Parameters parameters = Parameters.with("author", authorSubject);
        if (!statuses.isEmpty()) {
            query.append(" and status in :statuses");
            parameters.and("statuses", statuses);
        }
        if (after.isPresent()) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.get().at()).and("id", after.get().id());
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).page(0, limit + 1).list();
    }

    /** Ids of answers given before {@code answeredBefore}, oldest first. */
    @WithSession
    public Uni<List<Long>> answeredBefore(java.time.Instant answeredBefore, int limit) {
        return find("status = ?1 and answeredAt < ?2 order by answeredAt", IncidentStatus.ANSWERED, answeredBefore)
                .project(IdOnly.class).page(0, limit).list()
                .map(rows -> rows.stream().map(IdOnly::id).toList());
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(Long id) {
    }

    @WithSession
    public Uni<List<String>> numbersOfDuplicates(Long mainId) {
        return find("duplicateOf = ?1 order by createdAt, id", mainId).project(NumberOnly.class).list()
                .map(rows -> rows.stream().map(NumberOnly::number).toList());
    }

    @WithSession
    public Uni<List<Incident>> duplicatesOf(Long mainId) {
        return list("duplicateOf = ?1 order by createdAt, id", mainId);
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record NumberOnly(String number) {
    }

    /** Open incidents per status and how many of them are overdue at {@code now} ({@link Overdue}), for the metrics. */
    public Uni<IncidentMetrics.OpenFigures> openFigures(Instant now) {
        return pool.preparedQuery("select status, count(*) as open, count(*) filter (where " + Overdue.sqlAt("$1") + ") as overdue"
                + " from incident where status in " + IncidentStatus.OPEN_SQL + " group by status")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<IncidentStatus, Long> open = new EnumMap<>(IncidentStatus.class);
                    long overdue = 0;
                    for (Row row : rows) {
                        open.put(IncidentStatus.valueOf(row.getString("status")), row.getLong("open"));
                        overdue += row.getLong("overdue");
                    }
                    return new IncidentMetrics.OpenFigures(open, overdue);
                });
    }
}
