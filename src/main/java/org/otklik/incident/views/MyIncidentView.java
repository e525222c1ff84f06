package org.otklik.incident.views;

import org.otklik.media.MediaViews;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.FeedbackRequest.Contact;
import org.otklik.incident.FeedbackRequest.Location;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.incident.IncidentStatus;

@Schema(name = "MyIncident", requiredProperties = { "number", "status", "mergedInto", "category", "district", "organization", "text", "address", "location", "attachments", "photos", "contact", "createdAt", "updatedAt", "firstResponseDue", "resolutionDue", "overdue", "answer", "timeline" }, description = "An incident as its author sees it, with the public timeline")
public record MyIncidentView(
        String number,
        IncidentStatus status,
        @Schema(nullable = true) String mergedInto,
        CategoryRef category,
        @Schema(nullable = true) DistrictRef district,
        OrganizationRef organization,
        String text,
        @Schema(nullable = true) String address,
        @Schema(nullable = true) Location location,
        List<String> attachments,
        @Schema(description = "The photos sent with the message") List<MediaViews.Photo> photos,
        @Schema(nullable = true, description = "The contact the author gave") Contact contact,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime firstResponseDue,
        OffsetDateTime resolutionDue,
        boolean overdue,
        @Schema(nullable = true) AnswerView answer,
        List<TimelineEntryView> timeline) {
}
