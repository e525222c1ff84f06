package org.otklik.incident.views;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentRefs.OrganizationRef;
import org.otklik.incident.IncidentStatus;
import org.otklik.security.Channel;

@Schema(name = "StaffIncidentSummary", requiredProperties = { "number", "status", "channel", "category", "district", "organization", "excerpt", "createdAt", "resolutionDue", "overdue", "redirectToConfirm", "supporters" })
public record StaffIncidentSummary(
        String number,
        IncidentStatus status,
        Channel channel,
        CategoryRef category,
        @Schema(nullable = true) DistrictRef district,
        OrganizationRef organization,
        String excerpt,
        OffsetDateTime createdAt,
        OffsetDateTime resolutionDue,
        boolean overdue,
        boolean redirectToConfirm,
        @Schema(description = "Residents who support it (\"me too\")", examples = "3") int supporters) {
}
