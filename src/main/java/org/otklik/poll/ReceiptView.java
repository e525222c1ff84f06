package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

@Schema(name = "ReceiptCheck", description = "What a receipt proves: that a ballot was counted in a poll, never its choices")
public record ReceiptView(
        String receipt,
        UUID pollId,
        LocalizedText pollTitle,
        OffsetDateTime castHour,
        @Schema(description = "COUNTED, or REPLACED when a later ballot of the same citizen replaced it") String status) {
}
