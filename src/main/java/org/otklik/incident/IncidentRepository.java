package org.otklik.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.otklik.common.AdvisoryLockRepository;
import org.otklik.common.KeysetCursor;
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

/**
 * The {@code incident} table. The workflow reads and writes {@link Incident} entities in the caller's
 * session or transaction. The hot paths use the plain reactive client, never inside a Hibernate session:
 * the public status lookup reads a {@link PublicStatusRow} in one statement, and intake registers new
 * incidents in its own pool transaction.
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

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
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

    private static Incident incidentOf(Row row) {
        Incident incident = new Incident();
        incident.id = row.getLong("id");
        incident.number = row.getString("number");
        incident.channel = Channel.valueOf(row.getString("channel"));
        incident.externalId = row.getString("external_id");
        String platform = row.getString("social_platform");
        incident.socialPlatform = platform == null ? null : SocialPlatform.valueOf(platform);
        incident.sourceUrl = row.getString("source_url");
        incident.sourcePageId = row.getString("source_page_id");
        incident.sourcePostedAt = instant(row, "source_posted_at");
        incident.categoryCode = row.getString("category_code");
        incident.categoryConfidence = row.getBigDecimal("category_confidence");
        incident.districtCode = row.getString("district_code");
        String districtSource = row.getString("district_source");
        incident.districtSource = districtSource == null ? null : DistrictSource.valueOf(districtSource);
        incident.address = row.getString("address");
        incident.locationLat = row.getDouble("location_lat");
        incident.locationLon = row.getDouble("location_lon");
        incident.text = row.getString("text");
        incident.attachments = row.getArrayOfStrings("attachments");
        incident.authorSubject = row.getString("author_subject");
        incident.authorExternalId = row.getString("author_external_id");
        incident.authorHandle = row.getString("author_handle");
        incident.submittedBy = row.getString("submitted_by");
        incident.contactPhone = row.getString("contact_phone");
        incident.contactEmail = row.getString("contact_email");
        incident.notify = row.getBoolean("notify");
        incident.notifyEmail = row.getString("notify_email");
        incident.language = row.getString("language");
        incident.organizationCode = row.getString("organization_code");
        incident.redirectToConfirm = row.getBoolean("redirect_to_confirm");
        incident.status = IncidentStatus.valueOf(row.getString("status"));
        incident.rejectionReason = row.getString("rejection_reason");
        String resolution = row.getString("resolution");
        incident.resolution = resolution == null ? null : Resolution.valueOf(resolution);
        incident.answerText = row.getString("answer_text");
        incident.answerAttachments = row.getArrayOfStrings("answer_attachments");
        incident.redirectedTo = row.getString("redirected_to");
        incident.interimAnswerText = row.getString("interim_answer_text");
        incident.interimPlannedDate = row.getLocalDate("interim_planned_date");
        incident.interimAnsweredAt = instant(row, "interim_answered_at");
        incident.reopenCount = row.getInteger("reopen_count");
        incident.ratingAccepted = row.getBoolean("rating_accepted");
        incident.ratingComment = row.getString("rating_comment");
        incident.ratedAt = instant(row, "rated_at");
        incident.firstResponseDue = instant(row, "first_response_due");
        incident.resolutionDue = instant(row, "resolution_due");
        incident.firstRespondedAt = instant(row, "first_responded_at");
        incident.answeredAt = instant(row, "answered_at");
        incident.closedAt = instant(row, "closed_at");
        incident.duplicateOf = row.getLong("duplicate_of");
        incident.createdAt = instant(row, "created_at");
        incident.updatedAt = instant(row, "updated_at");
        incident.version = row.getInteger("version");
        return incident;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
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

    @WithSession
    public Uni<Incident> findByNumberForUpdate(String number) {
        return find("number", number).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    @WithSession
    public Uni<Incident> findByIdForUpdate(long id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The duplicates of an incident merged into another become the other's. */
    @WithSession
    public Uni<Integer> moveDuplicates(Long fromId, Long toId) {
        return update("duplicateOf = ?1 where duplicateOf = ?2", toId, fromId);
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
