package org.otklik.incident;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "NoticeRef", requiredProperties = { "id", "title", "endsAt" }, description = "A running notice that covers the message: read it at /api/v1/notices/{id}")
public record NoticeRef(
        @Schema(examples = "17") long id,
        LocalizedText title,
        @Schema(examples = "2026-12-14T18:00:00+04:00") OffsetDateTime endsAt) {
}
