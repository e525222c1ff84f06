package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;
import org.otklik.poll.definition.QuestionType;

import com.fasterxml.jackson.annotation.JsonInclude;

@Schema(name = "PollResults", description = "Aggregated results. Counts lag the votes by a few seconds (see asOf).")
public record PollResultsView(
        UUID pollId,
        PollState state,
        long participants,
        @Schema(description = "When these counts were read from the tallies") OffsetDateTime asOf,
        @Schema(description = "Breakdown groups with fewer participants are hidden") int smallGroupThreshold,
        List<QuestionResult> questions,
        Breakdown byDistrict,
        Breakdown byChannel) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PollQuestionResult", description = "Choice questions carry options, RATING mean and distribution, TEXT only the count")
    public record QuestionResult(
            String questionId,
            QuestionType type,
            LocalizedText title,
            @Schema(description = "How many ballots answered the question") long answered,
            @Schema(nullable = true) List<OptionResult> options,
            @Schema(nullable = true, description = "RATING: the mean rating, two decimals") Double mean,
            @Schema(nullable = true) List<RatingCount> distribution) {
    }

    @Schema(name = "PollOptionResult")
    public record OptionResult(
            String code,
            LocalizedText title,
            long count,
            @Schema(description = "count / answered, four decimals; shares of a MULTIPLE question add up to more than 1") double share) {
    }

    @Schema(name = "PollRatingCount")
    public record RatingCount(int value, long count) {
    }

    @Schema(name = "PollBreakdown", description = "Results per group; groups too small to show are only counted")
    public record Breakdown(List<GroupResult> groups, int hiddenGroups) {
    }

    @Schema(name = "PollGroupResult")
    public record GroupResult(
            @Schema(description = "A district code or a channel; UNKNOWN when the token did not say") String group,
            long participants,
            List<QuestionResult> questions) {
    }
}
