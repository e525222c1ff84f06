package org.otklik.poll.definition;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

/** Creates a poll, or replaces the definition of a draft. */
@Schema(name = "PollRequest", description = "A poll definition with its opening and closing times")
public record PollRequest(
        @Schema(required = true, implementation = Title.class) LocalizedText title,
        @Schema(nullable = true, implementation = Description.class) LocalizedText description,
        @Schema(required = true, examples = "2026-07-01T09:00:00+04:00") OffsetDateTime opensAt,
        @Schema(required = true, examples = "2026-07-21T21:00:00+04:00") OffsetDateTime closesAt,
        @Schema(nullable = true, description = "Absent: every resident may vote") Eligibility eligibility,
        @Schema(nullable = true, maxLength = 16, description = "Default AFTER_CLOSE") ResultsPolicy resultsPolicy,
        @Schema(deprecated = true, enumeration = "true", description = "Leave it out. Every ballot is sealed "
                + "until the close and opened unlinked from its voter, so a poll is always secret: true is taken, false is "
                + "refused (400)") Boolean secret,
        @Schema(nullable = true, description = "Default false: a second vote is refused; true: it replaces the first (only "
                + "the last ballot is opened at close; every receipt reads the same)") Boolean allowRevote,
        @Schema(required = true, minItems = 1, maxItems = 50) List<QuestionRequest> questions) {

    @Schema(name = "PollQuestionRequest", description = "A question; its id is assigned from its position")
    public record QuestionRequest(
            @Schema(required = true) QuestionType type,
            @Schema(required = true, implementation = QuestionTitle.class) LocalizedText title,
            @Schema(nullable = true, description = "Default true") Boolean required,
            @Schema(nullable = true, minimum = "1", maximum = "50", description = "MULTIPLE only, default 1") Integer min,
            @Schema(nullable = true, minimum = "1", maximum = "50", description = "MULTIPLE only, default the number of options") Integer max,
            @Schema(nullable = true, minimum = "2", maximum = "10", description = "RATING only, 2–10") Integer scale,
            @Schema(nullable = true, minimum = "1", maximum = "5000", description = "TEXT only, 1–5000, default 1000") Integer maxLength,
            @Schema(nullable = true, maxItems = 50, description = "SINGLE and MULTIPLE: 2–50 options with unique codes") List<PollOption> options) {
    }

    /** The contract of a poll's {@code title}: documentation only, the content is a {@link LocalizedText}. */
    @Schema(name = "PollTitle", description = "The title in Russian, optionally also in English")
    record Title(
            @Schema(required = true, minLength = 1, maxLength = 300, pattern = LocalizedText.NOT_BLANK,
                    examples = "Благоустройство набережной") String ru,
            @Schema(nullable = true, minLength = 1, maxLength = 300, pattern = LocalizedText.NOT_BLANK,
                    examples = "Embankment improvement") String en) {
    }

    /** The contract of a poll's {@code description}: documentation only. */
    @Schema(name = "PollDescription", description = "The description in Russian, optionally also in English")
    record Description(
            @Schema(required = true, minLength = 1, maxLength = 5000, pattern = LocalizedText.NOT_BLANK,
                    examples = "Какой вы видите набережную через пять лет?") String ru,
            @Schema(nullable = true, minLength = 1, maxLength = 5000, pattern = LocalizedText.NOT_BLANK,
                    examples = "How do you see the embankment in five years?") String en) {
    }

    /** The contract of a question's {@code title}: documentation only. */
    @Schema(name = "PollQuestionTitle", description = "The question in Russian, optionally also in English")
    record QuestionTitle(
            @Schema(required = true, minLength = 1, maxLength = 500, pattern = LocalizedText.NOT_BLANK,
                    examples = "Что добавить на набережной?") String ru,
            @Schema(nullable = true, minLength = 1, maxLength = 500, pattern = LocalizedText.NOT_BLANK,
                    examples = "What should the embankment get?") String en) {
    }

    /** The contract of an option's {@code title}: documentation only. */
    @Schema(name = "PollOptionTitle", description = "The option in Russian, optionally also in English")
    record OptionTitle(
            @Schema(required = true, minLength = 1, maxLength = 300, pattern = LocalizedText.NOT_BLANK,
                    examples = "Парк") String ru,
            @Schema(nullable = true, minLength = 1, maxLength = 300, pattern = LocalizedText.NOT_BLANK,
                    examples = "A park") String en) {
    }
}
