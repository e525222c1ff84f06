package org.otklik.incident;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Answer", requiredProperties = { "text", "resolution", "answeredAt" }, description = "The public answer to an incident")
public record AnswerView(
        @Schema(examples = "Яма заделана 02.12.2026.") String text,
        @Schema(examples = "FIXED") Resolution resolution,
        @Schema(examples = "2026-12-02T15:40:00+04:00") OffsetDateTime answeredAt) {
}
