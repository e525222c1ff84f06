package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

@Schema(name = "ReceiptCheck", description = "What a receipt proves: that the service accepted a ballot in a poll, never its "
        + "choices, and never whether a later ballot of the same citizen replaced it")
public record ReceiptView(
        String receipt,
        UUID pollId,
        LocalizedText pollTitle,
        @Schema(nullable = true, description = "The hour the ballot was cast (unknown for some receipts issued before sealed ballots)")
        OffsetDateTime castHour,
        @Schema(description = "ACCEPTED while the poll's ballots are sealed, COUNTED once they were opened at close; "
                + "the same for every receipt of the poll, replaced by a revote or not", enumeration = { "ACCEPTED", "COUNTED" })
        String status) {
}
