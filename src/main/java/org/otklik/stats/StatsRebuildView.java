package org.otklik.stats;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "StatsRebuild", description = "A range of days whose statistics were recomputed from the incidents")
public record StatsRebuildView(
        @Schema(description = "First day rebuilt (Europe/Samara)", example = "2026-01-01") LocalDate from,
        @Schema(description = "Last day rebuilt, included", example = "2026-01-31") LocalDate to,
        @Schema(description = "Incidents received on those days", example = "4012") long incidents,
        @Schema(description = "How long the rebuild took, in milliseconds", example = "840") long tookMillis) {
}
