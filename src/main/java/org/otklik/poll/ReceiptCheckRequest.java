package org.otklik.poll;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReceiptCheckRequest", description = "A receipt code to check; in the body, never in a URL (proxies log URLs)")
public record ReceiptCheckRequest(
        @Schema(required = true, description = "The receipt code: 58 characters of Crockford base32 (the last one's two "
                + "padding bits zero), or 26 for receipts issued before ballots were sealed. Lower case, I and L for 1, O for 0 "
                + "and a hyphen or space after any character are also taken. Only the service can make a code whose signature "
                + "holds: any other code of this form is answered 404",
                minLength = 26, maxLength = 115, pattern = ReceiptCheckRequest.CODE, examples = PollExamples.RECEIPT_CODE)
        @Pattern(regexp = ReceiptCheckRequest.CODE, message = "is not a receipt code (58 or 26 characters of base32)")
        String receipt) {

    /** A signed code (57 characters, then one whose low two bits are zero) or a former one (26), as typed. */
    static final String CODE = "^(?:(?:[0-9A-TV-Za-tv-z][ -]?){57}[048CGMRWcgmrwOo]|(?:[0-9A-TV-Za-tv-z][ -]?){25}[0-9A-TV-Za-tv-z])$";
}
