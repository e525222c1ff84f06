package org.otklik.open311;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.web.WebLinks;
import org.otklik.incident.FeedbackRequest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The form bodies of the Open311 POSTs, for the contract only (the resource reads the form field by field). */
final class Open311Forms {

    private Open311Forms() {
    }


    @Schema(name = "Open311NewRequest", description = "Besides these fields: attribute[code]=value per the service "
            + "definition (attribute[code][]=value for a multivaluelist), attribute[fixmystreet_id] = the client's own id. "
            + "One location is required: lat and long together, address_string or address_id (400 otherwise).")
    record NewRequest(
            @JsonProperty("api_key") @Schema(required = true, description = "May also come in the query", maxLength = 200) String apiKey,
            @JsonProperty("jurisdiction_id") @Schema(maxLength = 200, description = "This city's jurisdiction id, if given") String jurisdictionId,
            @JsonProperty("service_code") @Schema(required = true, examples = "housing.heating", maxLength = 64, pattern = FeedbackRequest.NOT_BLANK)
            String serviceCode,
            @Schema(examples = "53.2001", minimum = "53.05", maximum = "53.45",
                    description = "With long; inside the city's box (Samara's by default)") Double lat,
            @JsonProperty("long") @Schema(examples = "50.1500", minimum = "49.85", maximum = "50.45",
                    description = "With lat; inside the city's box (Samara's by default)") Double lon,
            @JsonProperty("address_string") @Schema(maxLength = 300, examples = "ул. Молодогвардейская, 151") String addressString,
            @JsonProperty("address_id") @Schema(maxLength = 200, examples = "#NOTPINPOINTED#") String addressId,
            @Schema(maxLength = 4000, examples = "Третий день нет отопления во всём подъезде.") String description,
            @Schema(maxLength = 254, format = "email", pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", description = "Staff only",
                    examples = "resident@example.org") String email,
            @JsonProperty("first_name") @Schema(maxLength = 200, description = "Staff only") String firstName,
            @JsonProperty("last_name") @Schema(maxLength = 200, description = "Staff only") String lastName,
            @Schema(maxLength = 32, pattern = "^\\s*\\+?[0-9][0-9 ()-]{8,30}\\s*$", description = "Staff only", examples = "+7 900 123-45-67")
            String phone,
            @JsonProperty("device_id") @Schema(maxLength = 200, description = "Also accepted as deviceid") String deviceId,
            @JsonProperty("account_id") @Schema(maxLength = 200) String accountId,
            @JsonProperty("media_url") @Schema(maxItems = 5, description = "Repeat the field for several links: http(s) URLs, "
                    + "each at most 2000 characters", examples = "[\"https://files.example.org/photo-1.jpg\"]",
                    type = SchemaType.ARRAY, implementation = MediaUrl.class) List<String> mediaUrl) {
    }

    /** The contract of one media_url: documentation only. */
    @Schema(name = "Open311MediaUrl", type = SchemaType.STRING, format = "uri", maxLength = WebLinks.MAX_LENGTH,
            pattern = WebLinks.HTTP_OR_HTTPS_IN_FORM, examples = "https://files.example.org/photo-1.jpg")
    static final class MediaUrl {
    }

    @Schema(name = "Open311NewUpdate", description = "mySociety update extension: a back office reports progress")
    record NewUpdate(
            @JsonProperty("api_key") @Schema(required = true, description = "A key registered for an organisation", maxLength = 200)
            String apiKey,
            @JsonProperty("jurisdiction_id") @Schema(maxLength = 200, description = "This city's jurisdiction id, if given") String jurisdictionId,
            @JsonProperty("service_request_id") @Schema(required = true, examples = "2611-000042", maxLength = 20, pattern = FeedbackRequest.NOT_BLANK)
            String serviceRequestId,
            @JsonProperty("update_id") @Schema(required = true, maxLength = 200, pattern = FeedbackRequest.NOT_BLANK, description = "Sent again: ignored",
                    examples = "bo-7731")
            String updateId,
            @Schema(required = true, description = "Upper case", enumeration = { "OPEN", "INVESTIGATING", "IN_PROGRESS",
                    "ACTION_SCHEDULED", "FIXED", "CLOSED", "UNABLE_TO_FIX", "NOT_COUNCILS_RESPONSIBILITY", "DUPLICATE",
                    "NO_FURTHER_ACTION", "INTERNAL_REFERRAL" }) String status,
            @JsonProperty("updated_datetime") @Schema(required = true, format = "date-time", maxLength = 40, examples = "2026-11-29T10:15:00+04:00")
            String updatedDatetime,
            @Schema(maxLength = 4000, examples = "Бригада выехала") String description) {
    }
}
