package org.otklik.media;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query of a signed photo link, the same for a photo and its thumbnail; both absent for any other caller. */
public record SignedLinkParameters(
        @Parameter(description = "Signed links only: expiry in epoch seconds", example = "1796400000",
                schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "9223372036854775807"))
        @QueryParam("expires") Long expires,
        @Parameter(description = "Signed links only: the link's signature", example = "nR1hQ2yJ0w3c1h4Q6C9bK8fYpE2sVx7mA5uT0oLkZ1I",
                schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = "^[A-Za-z0-9_-]+$"))
        @QueryParam("signature") String signature) {
}
