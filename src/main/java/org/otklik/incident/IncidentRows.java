package org.otklik.incident;

import static org.otklik.common.database.SqlTimestamps.instant;
import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.otklik.security.Channel;

import io.vertx.mutiny.sqlclient.Row;

/**
 * An incident's row as the pool reads it, and the part of it the workflow changes, as {@link IncidentRepository}
 * writes it back.
 */
final class IncidentRows {

    private IncidentRows() {
    }

    /**
     * The columns a state change of {@link Incident} (or the recording of its event) may change. Taken when an
     * incident is loaded and again after the decision: only an incident whose state differs is written back, and
     * only then does its version move.
     */
    record WorkflowState(IncidentStatus status, String organizationCode, boolean redirectToConfirm, String rejectionReason,
            Resolution resolution, String answerText, List<String> answerAttachments, String redirectedTo,
            String interimAnswerText, LocalDate interimPlannedDate, Instant interimAnsweredAt, int reopenCount,
            Boolean ratingAccepted, String ratingComment, Instant ratedAt, Instant resolutionDue, Instant firstRespondedAt,
            Instant answeredAt, Instant closedAt, Long duplicateOf, Instant updatedAt) {

        static WorkflowState of(Incident incident) {
            return new WorkflowState(incident.status, incident.organizationCode, incident.redirectToConfirm,
                    incident.rejectionReason, incident.resolution, incident.answerText,
                    incident.answerAttachments == null ? null : Arrays.asList(incident.answerAttachments.clone()),
                    incident.redirectedTo, incident.interimAnswerText, incident.interimPlannedDate,
                    incident.interimAnsweredAt, incident.reopenCount, incident.ratingAccepted, incident.ratingComment,
                    incident.ratedAt, incident.resolutionDue, incident.firstRespondedAt, incident.answeredAt,
                    incident.closedAt, incident.duplicateOf, incident.updatedAt);
        }

        /** The values of {@link IncidentRepository}'s update, in its order ($2 … $22). */
        Object[] values() {
            return new Object[] { status.name(), organizationCode, redirectToConfirm, rejectionReason,
                    resolution == null ? null : resolution.name(), answerText,
                    answerAttachments == null ? new String[0] : answerAttachments.toArray(String[]::new), redirectedTo,
                    interimAnswerText, interimPlannedDate, utc(interimAnsweredAt), reopenCount, ratingAccepted,
                    ratingComment, utc(ratedAt), utc(resolutionDue), utc(firstRespondedAt), utc(answeredAt),
                    utc(closedAt), duplicateOf, utc(updatedAt) };
        }
    }

    static Incident incidentOf(Row row) {
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

}
