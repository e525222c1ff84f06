package org.otklik.stats;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "Demand: residents who supported an incident (\"me too\") in the period, counted on the day "
        + "they gave their support, whenever the incident was received; groups are the incident's. In each group, "
        + "count is the supporters and share their share of all supporters in the period.")
public record SupportersView(
        @Schema(description = "Supports given in the period", examples = "312") long total,
        List<CountView> byOrganization,
        @Schema(description = "By district; code null for incidents without one") List<CountView> byDistrict,
        @Schema(description = "By top-level topic") List<CountView> byTopic,
        List<CountView> byChannel) {
}
