package org.otklik.incident.queue;

import java.util.List;
import java.util.Map;

import org.otklik.incident.IncidentStatus;
import org.otklik.incident.views.StaffIncidentSummary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IncidentQueuePage", requiredProperties = { "items", "nextCursor", "counts" })
public record IncidentQueuePage(
        List<StaffIncidentSummary> items,
        @Schema(nullable = true, description = "Pass as cursor to get the next page; null on the last page") String nextCursor,
        @Schema(description = "Incidents per status under the current filters other than status",
                examples = "{\"NEW\":12,\"ASSIGNED\":40,\"IN_PROGRESS\":7}") Map<IncidentStatus, Long> counts) {
}
