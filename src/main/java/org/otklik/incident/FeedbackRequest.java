package org.otklik.incident;

import java.util.List;
import java.util.UUID;

import org.otklik.common.LocalizedText;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.web.WebLinks;

@Schema(name = "FeedbackRequest", description = "A citizen's message. The channel comes from the calling client, never from the body.")
public record FeedbackRequest(
        @Schema(description = "A topic without sub-topics (see GET /api/v1/categories)", examples = "roads.potholes",
                minLength = 1, pattern = NOT_BLANK)
        @NotBlank @Size(max = 64) String categoryCode,
        @Schema(examples = "На Московском шоссе у дома 41 огромная яма, пробил колесо.", minLength = 1, pattern = NOT_BLANK)
        @NotBlank @Size(max = 5000) String text,
        @Schema(nullable = true, examples = "oktyabrsky") @Size(max = 64) String districtCode,
        @Schema(nullable = true, examples = "Московское шоссе, 41") @Size(max = 300) String address,
        @Schema(nullable = true) @Valid Location location,
        @Schema(nullable = true, description = "Up to 5 https links to photos or documents the client hosts itself",
                examples = "[\"https://files.example.org/photo-1.jpg\"]")
        @Size(max = 5) List<@NotNull @Size(max = WebLinks.MAX_LENGTH) @Pattern(regexp = WebLinks.HTTPS, message = "must be an https URL") String> attachments,
        @Schema(nullable = true, description = "Up to 5 photos uploaded by the caller (POST /api/v1/media) and not attached yet; "
                + "each goes with one message only. Refused (400) when unknown, someone else's, expired or used.",
                examples = "[\"c5136cd8-c787-41d8-a076-5ecfa09fb238\"]",
                type = SchemaType.ARRAY, implementation = UUID.class, maxItems = 5)
        @Size(max = 5) List<@NotNull UUID> mediaIds,
        @Schema(nullable = true, description = "How staff may reach the author; never shown publicly") @Valid Contact contact,
        @Schema(nullable = true, description = "Integration clients only: the platform's message id. Required from the Gosuslugi "
                + "gateway, refused (400) from widget and mobile clients.", examples = "POS-2026-118842")
        @Size(max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces") String externalId,
        @Schema(nullable = true, description = "Gosuslugi gateway only: the citizen's Gosuslugi id. Required from the gateway, "
                + "refused (400) from every other client.", examples = "1000123456")
        @Size(max = 255) @Pattern(regexp = "\\S+", message = "must not contain spaces") String citizenId,
        @Schema(nullable = true, description = "Widget and mobile residents only: mail me at every step (registered, interim "
                + "answer, answer, rejection, reopened, closed). The address is the token's verified e-mail, or contact.email; "
                + "an address the token does not verify first gets a confirmation mail, and mails follow once its link is "
                + "followed (double opt-in). Absent: false.", examples = "true")
        @JsonProperty("notify") Boolean notifyMe,
        @Schema(nullable = true, maxLength = 2, examples = "ru", description = "The language of the mails, ru or en; absent: ru")
        @Pattern(regexp = "^(ru|en)$", message = "must be ru or en") String language) {

    /** A message without uploaded photos or mails (Open311, which takes links only). */
    public FeedbackRequest(String categoryCode, String text, String districtCode, String address, Location location,
            List<String> attachments, Contact contact, String externalId, String citizenId) {
        this(categoryCode, text, districtCode, address, location, attachments, null, contact, externalId, citizenId, null, null);
    }

    /** Whether the author asked to hear back by mail. */
    public boolean wantsMail() {
        return Boolean.TRUE.equals(notifyMe);
    }

    /**
     * Contains a character that is neither white space nor a control character (what "not blank" means here), as
     * explicit ranges: contract test generators do not all know the regex shorthands.
     */
    public static final String NOT_BLANK = LocalizedText.NOT_BLANK;

    @Schema(name = "Location", description = "WGS 84 coordinates inside the city: the bounds are the city's box "
            + "(otklik.intake.city-bounds, Samara's by default); a point outside it is refused (400)")
    public record Location(
            @Schema(examples = "53.2001", minimum = "53.05", maximum = "53.45")
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @Schema(examples = "50.1500", minimum = "49.85", maximum = "50.45")
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }

    @Schema(name = "Contact", description = "A phone number, an e-mail address or both", minProperties = 1)
    public record Contact(
            @Schema(examples = "+7 900 123-45-67")
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9][0-9 ()-]{8,30}", message = "must be a phone number") String phone,
            @Schema(examples = "resident@example.org", format = "email") @Size(max = 254) @Email String email) {
    }
}
