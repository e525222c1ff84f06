package org.otklik.open311;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The form bodies of the Open311 POSTs, for the contract only (the resource reads the form field by field). */
final class Open311Forms {

    private Open311Forms() {
    }

    @Schema(name = "Open311NewRequest", description = "Besides these fields: attribute[code]=value per the service "
            + "definition (attribute[code][]=value for a multivaluelist), attribute[fixmystreet_id] = the client's own id")
    record NewRequest(
            @JsonProperty("api_key") @Schema(required = true, description = "May also come in the query") String apiKey,
            @JsonProperty("jurisdiction_id") String jurisdictionId,
            @JsonProperty("service_code") @Schema(required = true, examples = "housing.heating") String serviceCode,
            @Schema(examples = "53.2001") Double lat,
            @JsonProperty("long") @Schema(examples = "50.1500") Double lon,
            @JsonProperty("address_string") @Schema(maxLength = 300, examples = "ул. Молодогвардейская, 151") String addressString,
            @JsonProperty("address_id") @Schema(maxLength = 200, examples = "#NOTPINPOINTED#") String addressId,
            @Schema(maxLength = 4000, examples = "Третий день нет отопления во всём подъезде.") String description,
            @Schema(maxLength = 254, description = "Staff only") String email,
            @JsonProperty("first_name") @Schema(maxLength = 200, description = "Staff only") String firstName,
            @JsonProperty("last_name") @Schema(maxLength = 200, description = "Staff only") String lastName,
            @Schema(maxLength = 32, description = "Staff only") String phone,
            @JsonProperty("device_id") @Schema(maxLength = 200, description = "Also accepted as deviceid") String deviceId,
            @JsonProperty("account_id") @Schema(maxLength = 200) String accountId,
            @JsonProperty("media_url") @Schema(maxItems = 5, description = "Repeat the field for several links") List<String> mediaUrl) {
    }

    @Schema(name = "Open311NewUpdate", description = "mySociety update extension: a back office reports progress")
    record NewUpdate(
            @JsonProperty("api_key") @Schema(required = true, description = "A key registered for an organisation") String apiKey,
            @JsonProperty("jurisdiction_id") String jurisdictionId,
            @JsonProperty("service_request_id") @Schema(required = true, examples = "2611-000042") String serviceRequestId,
            @JsonProperty("update_id") @Schema(required = true, maxLength = 200, description = "Sent again: ignored", examples = "bo-7731")
            String updateId,
            @Schema(required = true, description = "Upper case", enumeration = { "OPEN", "INVESTIGATING", "IN_PROGRESS",
                    "ACTION_SCHEDULED", "FIXED", "CLOSED", "UNABLE_TO_FIX", "NOT_COUNCILS_RESPONSIBILITY", "DUPLICATE",
                    "NO_FURTHER_ACTION", "INTERNAL_REFERRAL" }) String status,
            @JsonProperty("updated_datetime") @Schema(required = true, examples = "2026-11-29T10:15:00+04:00") String updatedDatetime,
            @Schema(maxLength = 4000, examples = "Бригада выехала") String description) {
    }
}
