package org.otklik.poll.definition;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "PollOption", description = "An answer option of a SINGLE or MULTIPLE question")
public record PollOption(
        @Schema(required = true, pattern = "^[a-z0-9_-]{1,32}$", maxLength = 32, description = "Unique within the question", examples = "park") String code,
        @Schema(required = true, implementation = PollRequest.OptionTitle.class) LocalizedText title) {
}
