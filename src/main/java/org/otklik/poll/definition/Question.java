package org.otklik.poll.definition;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PollQuestion", description = "A question of a poll as defined and frozen")
public record Question(
        @Schema(description = "Assigned by the server in order: q1, q2, …", examples = "q1") String id,
        QuestionType type,
        LocalizedText title,
        boolean required,
        @Schema(nullable = true, description = "MULTIPLE: fewest options to choose", examples = "1") Integer min,
        @Schema(nullable = true, description = "MULTIPLE: most options to choose", examples = "3") Integer max,
        @Schema(nullable = true, description = "RATING: ratings run from 1 to scale (2–10)", examples = "5") Integer scale,
        @Schema(nullable = true, description = "TEXT: longest answer in characters", examples = "1000") Integer maxLength,
        @Schema(nullable = true, description = "SINGLE and MULTIPLE only") List<PollOption> options) {

    boolean hasOption(String code) {
        return options != null && options.stream().anyMatch(o -> o.code().equals(code));
    }
}
