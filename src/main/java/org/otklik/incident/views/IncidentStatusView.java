package org.otklik.incident.views;

import org.otklik.media.MediaViews;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.Resolution;

@Schema(name = "IncidentPublicStatus", requiredProperties = { "number", "status", "mergedInto", "category", "district",
        "organization", "createdAt", "updatedAt", "firstResponseDue", "resolutionDue", "overdue", "resolution", "answeredAt", "supporters", "photos" },
        description = "The public status of an incident: nothing about its author and no free "
        + "text (neither the message, nor the answer, nor any comment); the author reads the answer in their own view. "
        + "For a merged duplicate, the status, deadlines and resolution are those of the main incident named in mergedInto.")
public record IncidentStatusView(
        @Schema(examples = "2611-000042") String number,
        @Schema(examples = "IN_PROGRESS") IncidentStatus status,
        @Schema(nullable = true, description = "Number of the main incident when this one was merged into it") String mergedInto,
        CategoryRef category,
        @Schema(nullable = true) DistrictRef district,
        OrganizationRef organization,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime firstResponseDue,
        OffsetDateTime resolutionDue,
        @Schema(description = "Open and past a deadline") boolean overdue,
        @Schema(nullable = true, description = "The outcome, once answered", examples = "FIXED") Resolution resolution,
        @Schema(nullable = true, description = "When it was answered") OffsetDateTime answeredAt,
        @Schema(description = "Residents who support it (\"me too\"); for a merged duplicate, the main incident's",
                examples = "3") int supporters,
        @Schema(description = "Only the photos staff marked publishable (a resident's photo is never public before that)")
        java.util.List<MediaViews.Photo> photos) {
}
