package org.otklik.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "Incidents of one group: a status, channel, district, topic or sub-topic")
public record CountView(
        @Schema(description = "Code of the group; null for incidents without a district", nullable = true,
                examples = "housing") String code,
        @Schema(examples = "ЖКХ") String name,
        @Schema(examples = "1520") long count,
        @Schema(description = "Share of all incidents received in the period, 0 to 1", examples = "0.38") double share) {
}
