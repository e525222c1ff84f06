package org.otklik.location;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.IncidentStatus;

@Schema(name = "NearbyIncidents", requiredProperties = { "radius", "items" },
        description = "Open incidents of the category near a place, nearest first. Nothing but the number, public status, "
                + "distance, date and supporters: no text, photos or author.")
public record NearbyView(
        @Schema(description = "The radius searched, in metres", examples = "150") int radius,
        @Schema(maxItems = 20) List<Item> items) {

    @Schema(name = "NearbyIncident", requiredProperties = { "number", "status", "distance", "createdAt", "supporters" })
    public record Item(
            @Schema(examples = "2611-000042", maxLength = 20) String number,
            @Schema(examples = "IN_PROGRESS") IncidentStatus status,
            @Schema(description = "Metres to the incident's public (rounded) point, in tens of metres", examples = "90") int distance,
            OffsetDateTime createdAt,
            @Schema(description = "Residents who supported it (\"me too\")", examples = "3") int supporters) {
    }
}
