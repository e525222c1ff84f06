package org.otklik.stats;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(description = "Incidents received from one day to another (both included, in the city's time zone)")
public record SummaryView(
        @Schema(examples = "2026-10-01") LocalDate from,
        @Schema(examples = "2026-10-31") LocalDate to,
        @Schema(examples = "Europe/Samara") String timeZone,
        @Schema(description = "When the figures were computed: open incidents past a deadline at this moment count as late")
        OffsetDateTime asOf,
        FiguresView total,
        List<CountView> byStatus,
        List<CountView> byChannel,
        @Schema(description = "By district; code null for incidents without one") List<CountView> byDistrict,
        @Schema(description = "By top-level topic") List<CountView> byTopic,
        @Schema(description = "By the category chosen (a sub-topic, or a top-level topic without sub-topics)")
        List<CountView> bySubtopic,
        @Schema(description = "The top-level topics with most incidents, at most top of them") List<CountView> topTopics,
        @Schema(description = "The figures per responsible organisation") List<OrganizationFiguresView> byOrganization,
        SupportersView supporters) {
}
