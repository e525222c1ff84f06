package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BallotReceipt", description = "Proof that a ballot was stored. Keep the receipt: it cannot be shown again.")
@io.quarkus.runtime.annotations.RegisterForReflection
public record BallotReceiptView(
        UUID pollId,
        @Schema(description = "58 characters of Crockford base32: the poll, the hour, 64 random bits and the service's signature", examples = PollExamples.RECEIPT_CODE) String receipt,
        @Schema(description = "The hour the ballot was cast; the exact time is not kept") OffsetDateTime castHour,
        @Schema(description = "True when this ballot replaced the citizen's earlier one") boolean replacedEarlierBallot) {
}
