package org.otklik.notice;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.incident.FeedbackRequest;
import org.otklik.common.LocalizedText;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "NoticeRequest", description = "The content of a notice. Every invalid field is listed in errors[] with a JSON pointer.")
public record NoticeRequest(
        @Schema(required = true, description = "ru up to 300 characters, en optional", implementation = Title.class) LocalizedText title,
        @Schema(required = true, description = "ru up to 5000 characters, en optional", implementation = Text.class) LocalizedText text,
        @Schema(required = true, examples = "PLANNED_OUTAGE") NoticeKind kind,
        @Schema(required = true, description = "The topic: a category code; a parent topic covers its sub-topics",
                examples = "housing.hot_water", maxLength = 64) String categoryCode,
        @Schema(nullable = true, description = "Districts concerned, each once; none means the whole city",
                examples = "[\"leninsky\"]", uniqueItems = true, type = SchemaType.ARRAY, implementation = DistrictCode.class)
        List<String> districtCodes,
        @Schema(nullable = true, description = "Addresses concerned, each 1 to 300 characters (a message whose address contains one of them matches)",
                examples = "[\"ул. Галактионовская, 100\"]", maxItems = NoticeValidator.MAX_ADDRESSES,
                type = SchemaType.ARRAY, implementation = Address.class)
        List<String> addresses,
        @Schema(nullable = true, description = "A circle around a point; a message with a location matches when inside it")
        Area area,
        @Schema(required = true, examples = "2026-12-01T09:00:00+04:00") OffsetDateTime startsAt,
        @Schema(required = true, examples = "2026-12-14T18:00:00+04:00") OffsetDateTime endsAt,
        @Schema(nullable = true, description = "The responsible organisation: required from operators and admins (400 "
                + "without it); an executor's own when omitted", examples = "adm.leninsky", maxLength = 64) String organizationCode) {


    /** The contract of a district code in {@code districtCodes}: documentation only. */
    @Schema(name = "NoticeDistrictCode", type = SchemaType.STRING, maxLength = 64, examples = "leninsky")
    static final class DistrictCode {
    }

    /** The contract of an address in {@code addresses}: documentation only. */
    @Schema(name = "NoticeAddress", type = SchemaType.STRING, minLength = 1, maxLength = NoticeValidator.MAX_ADDRESS,
            pattern = FeedbackRequest.NOT_BLANK, examples = "ул. Галактионовская, 100")
    static final class Address {
    }

    /** The contract of {@code title}: documentation only, the content is a {@link LocalizedText}. */
    @Schema(name = "NoticeTitle", description = "The title in Russian, optionally also in English")
    record Title(
            @Schema(required = true, minLength = 1, maxLength = NoticeValidator.MAX_TITLE, pattern = FeedbackRequest.NOT_BLANK,
                    examples = "Отключение горячей воды") String ru,
            @Schema(nullable = true, minLength = 1, maxLength = NoticeValidator.MAX_TITLE, pattern = FeedbackRequest.NOT_BLANK,
                    description = "Left out when there is no English title", examples = "Hot water outage") String en) {
    }

    /** The contract of {@code text}: documentation only, the content is a {@link LocalizedText}. */
    @Schema(name = "NoticeText", description = "The text in Russian, optionally also in English")
    record Text(
            @Schema(required = true, minLength = 1, maxLength = NoticeValidator.MAX_TEXT, pattern = FeedbackRequest.NOT_BLANK,
                    examples = "Плановое отключение горячей воды на время ремонта сетей.") String ru,
            @Schema(nullable = true, minLength = 1, maxLength = NoticeValidator.MAX_TEXT, pattern = FeedbackRequest.NOT_BLANK,
                    description = "Left out when there is no English text", examples = "Planned hot water outage while the network is repaired.") String en) {
    }

    @RegisterForReflection
    @Schema(name = "NoticeArea")
    public record Area(
            @Schema(required = true, minimum = "-90", maximum = "90", examples = "53.1959") Double lat,
            @Schema(required = true, minimum = "-180", maximum = "180", examples = "50.1002") Double lon,
            @Schema(required = true, minimum = "1", maximum = "50000", format = "int32", examples = "500") Integer radiusMeters) {
    }
}
