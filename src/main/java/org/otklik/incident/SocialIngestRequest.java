package org.otklik.incident;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A batch of comments captured by the social-media monitoring system. Items are checked one by one
 * (their fields are plain strings for that reason), so that one bad item never fails the batch.
 */
@Schema(name = "SocialIngestRequest")
public record SocialIngestRequest(
        @Schema(description = "1 to 500 captured comments")
        @NotNull @NotEmpty @Size(max = 500) List<@NotNull Item> items) {

    @Schema(name = "SocialComment")
    public record Item(
            @Schema(description = "VK, OK or TELEGRAM", examples = "VK") String platform,
            @Schema(description = "The platform's id of the comment", examples = "wall-12345_67890") String externalId,
            @Schema(description = "Link to the comment", examples = "https://vk.com/wall-12345_67890?reply=67891") String url,
            @Schema(description = "The author's public handle (staff only)", examples = "id1234567") String authorHandle,
            @Schema(examples = "Во дворе дома 5 по ул. Гагарина в Советском районе третий день не вывозят мусор") String text,
            @Schema(description = "ISO-8601 with offset", examples = "2026-11-27T19:42:00+04:00") String postedAt,
            @Schema(description = "The city page the comment was left on", examples = "club12345") String pageId) {
    }
}
