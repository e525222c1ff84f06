package org.otklik.incident.views;

import java.time.OffsetDateTime;

import org.otklik.incident.IncidentEventType;
import org.otklik.incident.IncidentStatus;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TimelineEntry", requiredProperties = { "at", "type", "status", "organizationCode", "comment" }, description = "A step of an incident's history as its author sees it")
public record TimelineEntryView(
        OffsetDateTime at,
        @Schema(examples = "SUBMITTED") IncidentEventType type,
        @Schema(nullable = true, examples = "ASSIGNED") IncidentStatus status,
        @Schema(nullable = true, examples = "dep.roads") String organizationCode,
        @Schema(nullable = true) String comment) {
}
