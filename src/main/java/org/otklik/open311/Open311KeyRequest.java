package org.otklik.open311;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.FeedbackRequest;

@Schema(name = "Open311KeyRequest", description = "A new Open311 integration client")
public record Open311KeyRequest(
        @Schema(examples = "FixMyStreet Самара", minLength = 1, pattern = FeedbackRequest.NOT_BLANK) @NotBlank @Size(max = 200) String name,
        @Schema(nullable = true, description = "Set for a back office of this organisation: its key may post "
                + "servicerequestupdates on the incidents assigned to it", examples = "adm.leninsky")
        @Size(max = 64) String organizationCode) {
}
