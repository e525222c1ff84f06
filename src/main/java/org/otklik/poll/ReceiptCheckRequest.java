package org.otklik.poll;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReceiptCheckRequest", description = "A receipt code to check; in the body, never in a URL (proxies log URLs)")
public record ReceiptCheckRequest(
        @Schema(required = true, description = "The receipt code: 58 characters of Crockford base32, or 26 for receipts "
                + "issued before ballots were sealed (hyphens, spaces and lower case are also taken)",
                minLength = 26, maxLength = 120, pattern = "^[0-9A-Za-z -]{26,120}$", examples = PollExamples.RECEIPT_CODE)
        String receipt) {
}
