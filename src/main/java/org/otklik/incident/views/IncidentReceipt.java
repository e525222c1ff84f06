package org.otklik.incident.views;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.DistrictSource;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.incident.IncidentStatus;
import org.otklik.incident.NoticeRef;

@io.quarkus.runtime.annotations.RegisterForReflection
@Schema(name = "IncidentReceipt", requiredProperties = { "number", "status", "category", "district", "districtSource", "organization", "firstResponseDue", "resolutionDue", "createdAt", "notices" }, description = "What the author is told when a message is registered")
public record IncidentReceipt(
        @Schema(description = "Public number to quote and to look the status up with", examples = "2611-000042") String number,
        @Schema(examples = "NEW") IncidentStatus status,
        CategoryRef category,
        @Schema(nullable = true) DistrictRef district,
        @Schema(examples = "LOCATION") DistrictSource districtSource,
        @Schema(description = "The organisation responsible") OrganizationRef organization,
        @Schema(description = "First response due (working hours)", examples = "2026-11-30T18:00:00+04:00") OffsetDateTime firstResponseDue,
        @Schema(description = "Resolution due (working days)", examples = "2026-12-11T18:00:00+04:00") OffsetDateTime resolutionDue,
        @Schema(examples = "2026-11-27T20:15:03+04:00") OffsetDateTime createdAt,
        @Schema(description = "Running city notices that cover the message (e.g. a planned outage); empty when none")
        java.util.List<NoticeRef> notices) {
}
