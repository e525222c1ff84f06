package org.otklik.incident.views;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.IncidentRefs.CategoryRef;
import org.otklik.incident.IncidentRefs.DistrictRef;
import org.otklik.incident.IncidentStatus;

@Schema(name = "MyIncidentSummary", requiredProperties = { "number", "status", "category", "district", "excerpt", "createdAt", "updatedAt", "resolutionDue", "overdue" })
public record MyIncidentSummary(
        @Schema(examples = "2611-000042") String number,
        IncidentStatus status,
        CategoryRef category,
        @Schema(nullable = true) DistrictRef district,
        @Schema(examples = "На Московском шоссе у дома 41 огромная яма…") String excerpt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime resolutionDue,
        boolean overdue) {
}
