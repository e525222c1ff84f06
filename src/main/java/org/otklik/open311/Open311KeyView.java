package org.otklik.open311;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Open311Key", description = "An Open311 integration client; the key itself is never shown again")
public record Open311KeyView(
        UUID id,
        @Schema(examples = "FixMyStreet Самара") String name,
        @Schema(nullable = true, examples = "adm.leninsky") String organizationCode,
        OffsetDateTime createdAt,
        @Schema(examples = "admin-7") String createdBy,
        @Schema(nullable = true) OffsetDateTime revokedAt) {

    @Schema(name = "Open311KeyCreated", description = "The new client with its API key, shown this once (only its SHA-256 is stored)")
    public record Created(
            UUID id,
            String name,
            @Schema(nullable = true) String organizationCode,
            OffsetDateTime createdAt,
            @Schema(description = "Send as api_key", examples = "o311_V2hhdCBhIGtleSB0aGlzIGlzLCBzaG93biBvbmNl") String apiKey) {
    }
}
