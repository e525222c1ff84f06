package org.otklik.notice;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "NoticeRequest", description = "The content of a notice. Every invalid field is listed in errors[] with a JSON pointer.")
public record NoticeRequest(
        @Schema(required = true, description = "ru up to 300 characters, en optional") LocalizedText title,
        @Schema(required = true, description = "ru up to 5000 characters, en optional") LocalizedText text,
        @Schema(required = true, examples = "PLANNED_OUTAGE") NoticeKind kind,
        @Schema(required = true, description = "The topic: a category code; a parent topic covers its sub-topics",
                examples = "housing.hot_water") String categoryCode,
        @Schema(nullable = true, description = "Districts concerned; none means the whole city", examples = "[\"leninsky\"]")
        List<String> districtCodes,
        @Schema(nullable = true, description = "Addresses concerned (a message whose address contains one of them matches)",
                examples = "[\"ул. Галактионовская, 100\"]") List<String> addresses,
        @Schema(nullable = true, description = "A circle around a point; a message with a location matches when inside it")
        Area area,
        @Schema(required = true, examples = "2026-12-01T09:00:00+04:00") OffsetDateTime startsAt,
        @Schema(required = true, examples = "2026-12-14T18:00:00+04:00") OffsetDateTime endsAt,
        @Schema(nullable = true, description = "The responsible organisation; an executor's own when omitted",
                examples = "adm.leninsky") String organizationCode) {

    @RegisterForReflection
    @Schema(name = "NoticeArea")
    public record Area(
            @Schema(required = true, examples = "53.1959") Double lat,
            @Schema(required = true, examples = "50.1002") Double lon,
            @Schema(required = true, minimum = "1", maximum = "50000", examples = "500") Integer radiusMeters) {
    }
}
