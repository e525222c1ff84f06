package org.otklik.incident;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FeedbackRequest", description = "A citizen's message. The channel comes from the calling client, never from the body.")
public record FeedbackRequest(
        @Schema(description = "A topic without sub-topics (see GET /api/v1/categories)", examples = "roads.potholes")
        @NotBlank @Size(max = 64) String categoryCode,
        @Schema(examples = "На Московском шоссе у дома 41 огромная яма, пробил колесо.")
        @NotBlank @Size(max = 5000) String text,
        @Schema(nullable = true, examples = "oktyabrsky") @Size(max = 64) String districtCode,
        @Schema(nullable = true, examples = "Московское шоссе, 41") @Size(max = 300) String address,
        @Schema(nullable = true) @Valid Location location,
        @Schema(nullable = true, description = "Up to 5 https links to photos or documents",
                examples = "[\"https://files.example.org/photo-1.jpg\"]")
        @Size(max = 5) List<@NotNull @Size(max = 2000) @Pattern(regexp = HTTPS_URL, message = "must be an https URL") String> attachments,
        @Schema(nullable = true, description = "How staff may reach the author; never shown publicly") @Valid Contact contact,
        @Schema(nullable = true, description = "Integration clients only: the platform's message id", examples = "POS-2026-118842")
        @Size(max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces") String externalId,
        @Schema(nullable = true, description = "Gosuslugi gateway only: the citizen's Gosuslugi id", examples = "1000123456")
        @Size(max = 255) @Pattern(regexp = "\\S+", message = "must not contain spaces") String citizenId) {

    static final String HTTPS_URL = "https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/\\S*)?";

    @Schema(name = "Location", description = "WGS 84 coordinates inside the city")
    public record Location(
            @Schema(examples = "53.2001") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @Schema(examples = "50.1500") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }

    @Schema(name = "Contact")
    public record Contact(
            @Schema(nullable = true, examples = "+7 900 123-45-67")
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9][0-9 ()-]{8,30}", message = "must be a phone number") String phone,
            @Schema(nullable = true, examples = "resident@example.org") @Size(max = 254) @Email String email) {
    }
}
