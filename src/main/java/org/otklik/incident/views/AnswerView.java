package org.otklik.incident.views;

import org.otklik.incident.Resolution;
import org.otklik.media.MediaViews;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Answer", requiredProperties = { "text", "resolution", "answeredAt", "photos" }, description = "The public answer to an incident")
public record AnswerView(
        @Schema(examples = "Яма заделана 02.12.2026.") String text,
        @Schema(examples = "FIXED") Resolution resolution,
        @Schema(examples = "2026-12-02T15:40:00+04:00") OffsetDateTime answeredAt,
        @Schema(description = "\"After\" photos of the answer") java.util.List<MediaViews.Photo> photos) {
}
