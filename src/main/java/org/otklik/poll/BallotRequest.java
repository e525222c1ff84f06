package org.otklik.poll;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BallotRequest", description = "A whole ballot: one answer per question answered")
public record BallotRequest(@Schema(required = true, maxItems = 50) List<AnswerRequest> answers) {

    @Schema(name = "BallotAnswer", description = "optionCodes for SINGLE (exactly one) and MULTIPLE, rating for RATING, text for TEXT")
    public record AnswerRequest(
            @Schema(required = true, maxLength = 3, pattern = "^q[1-9][0-9]?$", examples = "q1") String questionId,
            @Schema(nullable = true, maxItems = 50, examples = "[\"park\"]") List<String> optionCodes,
            @Schema(nullable = true, minimum = "1", maximum = "10", examples = "4") Integer rating,
            @Schema(nullable = true, maxLength = 5000, examples = "Больше деревьев") String text) {
    }
}
