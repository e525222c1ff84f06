package org.otklik.incident.social;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@Schema(name = "SocialIngestResult", requiredProperties = { "received", "created", "duplicates", "rejected", "items" })
public record SocialIngestResult(int received, int created, int duplicates, int rejected, List<ItemResult> items) {

    public enum Outcome {
        CREATED,
        DUPLICATE,
        REJECTED
    }

    @Schema(name = "SocialIngestItemResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(
            @Schema(description = "Position of the item in the batch, from 0") int index,
            @Schema(nullable = true) String platform,
            @Schema(nullable = true) String externalId,
            Outcome outcome,
            @Schema(nullable = true, description = "The incident created, or the existing one for a duplicate", examples = "2611-000043") String number,
            @Schema(nullable = true, description = "Suggested topic of a created incident", examples = "housing.waste") String categoryCode,
            @Schema(nullable = true, description = "How sure the topic suggestion is, 0 to 1", examples = "0.75") Double confidence,
            @Schema(nullable = true, description = "Why the item was rejected", examples = "text: must not be blank") String reason) {

        static ItemResult rejected(int index, SocialIngestRequest.Item item, String reason) {
            return new ItemResult(index, item.platform(), item.externalId(), Outcome.REJECTED, null, null, null, reason);
        }
    }
}
