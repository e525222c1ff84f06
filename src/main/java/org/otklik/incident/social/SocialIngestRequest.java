package org.otklik.incident.social;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.web.WebLinks;
import org.otklik.incident.FeedbackRequest;

/**
 * A batch of comments captured by the social-media monitoring system. Items are checked one by one
 * (their fields are plain strings for that reason), so that one bad item never fails the batch: the schema says
 * what an item must be to become an incident, a bad one comes back as rejected in the 200 answer.
 */
@Schema(name = "SocialIngestRequest")
public record SocialIngestRequest(
        @Schema(description = "1 to 500 captured comments")
        @NotNull @NotEmpty @Size(max = 500) List<@NotNull Item> items) {

    @Schema(name = "SocialComment")
    public record Item(
            @Schema(required = true, description = "VK, OK or TELEGRAM", enumeration = { "VK", "OK", "TELEGRAM" }, examples = "VK")
            String platform,
            @Schema(required = true, description = "The platform's id of the comment", examples = "wall-12345_67890", minLength = 1,
                    maxLength = 200, pattern = FeedbackRequest.NOT_BLANK) String externalId,
            @Schema(required = true, description = "Link to the comment (http or https)", examples = "https://vk.com/wall-12345_67890?reply=67891",
                    format = "uri", maxLength = WebLinks.MAX_LENGTH, pattern = WebLinks.HTTP_OR_HTTPS_ANCHORED) String url,
            @Schema(nullable = true, description = "The author's public handle (staff only)", examples = "id1234567", maxLength = 255)
            String authorHandle,
            @Schema(required = true, examples = "Во дворе дома 5 по ул. Гагарина в Советском районе третий день не вывозят мусор",
                    minLength = 1, maxLength = 5000, pattern = FeedbackRequest.NOT_BLANK) String text,
            @Schema(required = true, description = "ISO-8601 with offset, not in the future", examples = "2026-11-27T19:42:00+04:00",
                    format = "date-time", maxLength = 40) String postedAt,
            @Schema(nullable = true, description = "The city page the comment was left on", examples = "club12345", maxLength = 200)
            String pageId,
            @Schema(nullable = true, description = "Up to 5 photos of the comment that this client uploaded (POST /api/v1/media) "
                    + "and did not attach yet; an item with an unknown, foreign or used id is rejected",
                    examples = "[\"c5136cd8-c787-41d8-a076-5ecfa09fb238\"]", maxItems = 5, type = SchemaType.ARRAY,
                    implementation = java.util.UUID.class)
            List<String> mediaIds) {
    }
}
