package org.otklik.incident.support;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IncidentSupport", requiredProperties = { "number", "supporters" },
        description = "The caller supports the incident; the count of its supporters, the caller included.")
public record SupportView(
        @Schema(examples = "2611-000042", maxLength = 20) String number,
        @Schema(examples = "4") int supporters) {
}
