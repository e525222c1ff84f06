package org.otklik.incident.views;

import org.otklik.media.MediaViews;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.FeedbackRequest.Contact;
import org.otklik.incident.FeedbackRequest.Location;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.security.Channel;
import org.otklik.incident.IncidentEventType;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.Resolution;
import org.otklik.incident.SocialPlatform;

@Schema(name = "StaffIncident", requiredProperties = { "number", "status", "channel", "socialPlatform", "externalId", "sourceUrl", "category", "categoryConfidence", "district", "address", "location", "text", "attachments", "photos", "author", "contact", "organization", "redirectToConfirm", "rejectionReason", "answer", "interimAnswer", "rating", "reopenCount", "createdAt", "updatedAt", "firstResponseDue", "resolutionDue", "firstRespondedAt", "overdue", "duplicateOf", "duplicates", "timeline", "version", "allowedActions" }, description = "Everything staff know about an incident, contact data and internal notes included")
public record StaffIncidentView(
        String number,
        IncidentStatus status,
        Channel channel,
        @Schema(nullable = true) SocialPlatform socialPlatform,
        @Schema(nullable = true) String externalId,
        @Schema(nullable = true) String sourceUrl,
        CategoryRef category,
        @Schema(nullable = true, description = "Confidence of a suggested topic (social media)") BigDecimal categoryConfidence,
        @Schema(nullable = true) DistrictRef district,
        @Schema(nullable = true) String address,
        @Schema(nullable = true) Location location,
        String text,
        List<String> attachments,
        @Schema(description = "The photos sent with the message; publishable ones appear in public views") List<MediaViews.Photo> photos,
        Author author,
        @Schema(nullable = true) Contact contact,
        OrganizationRef organization,
        @Schema(description = "Routed outside the city's competence: an operator must confirm the redirect") boolean redirectToConfirm,
        @Schema(nullable = true) String rejectionReason,
        @Schema(nullable = true) StaffAnswer answer,
        @Schema(nullable = true) Interim interimAnswer,
        @Schema(nullable = true) CitizenRating rating,
        int reopenCount,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime firstResponseDue,
        OffsetDateTime resolutionDue,
        @Schema(nullable = true) OffsetDateTime firstRespondedAt,
        boolean overdue,
        @Schema(nullable = true, description = "The main incident of a duplicate") String duplicateOf,
        @Schema(description = "Incidents merged into this one") List<String> duplicates,
        List<StaffTimelineEntry> timeline,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "2147483647", description = "Optimistic-locking version, also sent as the ETag") int version,
        @Schema(description = "What the caller may do now", examples = "[\"progress\",\"answer\",\"notes\"]") List<String> allowedActions) {

    @Schema(name = "IncidentAuthor", requiredProperties = { "subject", "gosuslugiId", "socialHandle" }, description = "Who wrote the message (staff only)")
    public record Author(@Schema(nullable = true) String subject, @Schema(nullable = true) String gosuslugiId,
            @Schema(nullable = true) String socialHandle) {
    }

    @Schema(name = "StaffAnswer", requiredProperties = { "text", "resolution", "redirectedTo", "attachments", "photos", "answeredAt" })
    public record StaffAnswer(String text, Resolution resolution, @Schema(nullable = true) String redirectedTo,
            List<String> attachments, List<MediaViews.Photo> photos, OffsetDateTime answeredAt) {
    }

    @Schema(name = "InterimAnswer", requiredProperties = { "text", "plannedDate", "answeredAt" })
    public record Interim(String text, LocalDate plannedDate, OffsetDateTime answeredAt) {
    }

    @Schema(name = "CitizenRating", requiredProperties = { "accepted", "comment", "ratedAt" })
    public record CitizenRating(boolean accepted, @Schema(nullable = true) String comment, OffsetDateTime ratedAt) {
    }

    @Schema(name = "StaffTimelineEntry", requiredProperties = { "at", "type", "visibleToCitizen", "actorSubject", "actorRole", "actorOrganization", "status", "organizationCode", "comment" })
    public record StaffTimelineEntry(OffsetDateTime at, IncidentEventType type, boolean visibleToCitizen,
            @Schema(nullable = true) String actorSubject, @Schema(nullable = true) String actorRole,
            @Schema(nullable = true) String actorOrganization, @Schema(nullable = true) IncidentStatus status,
            @Schema(nullable = true) String organizationCode, @Schema(nullable = true) String comment) {
    }
}
