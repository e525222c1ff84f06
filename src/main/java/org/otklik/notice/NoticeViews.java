package org.otklik.notice;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.common.LocalizedText;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Wire views of notices. */
public final class NoticeViews {

    private NoticeViews() {
    }

    @RegisterForReflection
    @Schema(name = "Notice", requiredProperties = { "id", "version", "kind", "state", "title", "text", "category", "districts", "addresses", "area", "startsAt", "endsAt", "organization", "publishedAt", "updatedAt" }, description = "A published notice as residents see it")
    public record PublicNotice(
            @Schema(examples = "17") long id,
            @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "2147483647", description = "1, and one more for every edit after publication", examples = "2") int version,
            @Schema(examples = "PLANNED_OUTAGE") NoticeKind kind,
            @Schema(description = "UPCOMING, ACTIVE, ENDED (explicitly, or its end has passed) or CANCELLED",
                    examples = "ACTIVE") NoticeState state,
            LocalizedText title,
            LocalizedText text,
            CategoryRef category,
            @Schema(description = "Empty: the whole city") List<DistrictRef> districts,
            List<String> addresses,
            @Schema(nullable = true) NoticeRequest.Area area,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            OrganizationRef organization,
            OffsetDateTime publishedAt,
            @Schema(nullable = true, description = "When the content was last edited after publication; null if never")
            OffsetDateTime updatedAt) {
    }

    @RegisterForReflection
    @Schema(name = "NoticePage", requiredProperties = { "items", "nextCursor" })
    public record PublicPage(List<PublicNotice> items,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last page") String nextCursor) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeAdminSummary", requiredProperties = { "id", "version", "status", "state", "kind", "title", "categoryCode", "organizationCode", "startsAt", "endsAt", "updatedAt" })
    public record AdminSummary(long id, @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "2147483647") int version, @Schema(examples = "PUBLISHED") NoticeStatus status,
            @Schema(examples = "ACTIVE") NoticeState state, NoticeKind kind, LocalizedText title,
            @Schema(examples = "housing.hot_water") String categoryCode, @Schema(examples = "adm.leninsky") String organizationCode,
            OffsetDateTime startsAt, OffsetDateTime endsAt, OffsetDateTime updatedAt) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeAdminPage", requiredProperties = { "items", "nextCursor" })
    public record AdminPage(List<AdminSummary> items, @Schema(nullable = true) String nextCursor) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeAdminView", requiredProperties = { "id", "version", "revision", "status", "state", "content", "createdAt", "createdBy", "updatedAt", "publishedAt", "contentUpdatedAt", "endedAt", "cancelledAt", "versions", "linked" }, description = "A notice with its lifecycle, earlier versions and linked incidents")
    public record AdminNotice(
            long id,
            @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "2147483647", description = "The content version, as in public") int version,
            @Schema(description = "Changes of the row: also the ETag") int revision,
            NoticeStatus status,
            NoticeState state,
            NoticeRequest content,
            OffsetDateTime createdAt,
            @Schema(description = "The staff member who created it") String createdBy,
            OffsetDateTime updatedAt,
            @Schema(nullable = true) OffsetDateTime publishedAt,
            @Schema(nullable = true) OffsetDateTime contentUpdatedAt,
            @Schema(nullable = true) OffsetDateTime endedAt,
            @Schema(nullable = true) OffsetDateTime cancelledAt,
            @Schema(description = "The content before each edit after publication, oldest first") List<Version> versions,
            Linked linked) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeVersion", requiredProperties = { "version", "content", "validFrom", "replacedAt", "replacedBy" })
    public record Version(@Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "2147483647") int version, NoticeRequest content, OffsetDateTime validFrom, OffsetDateTime replacedAt,
            String replacedBy) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeLinkedIncidents", description = "Incidents matched to the notice that the caller may see; the queue "
            + "lists them all with GET /api/v1/incidents?notice={id}")
    public record Linked(@Schema(examples = "212") long total, @Schema(examples = "180") long open,
            @Schema(description = "The 100 latest") List<LinkedIncident> latest) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeLinkedIncident", requiredProperties = { "number", "status", "organizationCode", "createdAt" })
    public record LinkedIncident(@Schema(examples = "2612-000042") String number, @Schema(examples = "ASSIGNED") String status,
            @Schema(examples = "adm.leninsky") String organizationCode, OffsetDateTime createdAt) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeAnswerResult", requiredProperties = { "noticeId", "total", "answered", "incidents" }, description = "What the mass answer did to each linked open incident")
    public record AnswerResult(long noticeId, @Schema(description = "Linked open incidents considered") int total,
            @Schema(description = "Answered by this call") int answered, List<AnswerOutcome> incidents) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeAnswerOutcome", requiredProperties = { "number", "outcome", "detail" })
    public record AnswerOutcome(@Schema(examples = "2612-000042") String number,
            @Schema(description = "ANSWERED; CHANGED (it moved on since it was read: not overwritten); NOT_ANSWERABLE (its "
                    + "status allows no answer, e.g. NEW or already answered); NOT_VISIBLE (another organisation's)",
                    examples = "ANSWERED") Outcome outcome,
            @Schema(nullable = true) String detail) {
    }

    public enum Outcome {
        ANSWERED,
        CHANGED,
        NOT_ANSWERABLE,
        NOT_VISIBLE
    }
}
