package org.otklik.poll.definition;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PollEligibility", description = "Who may vote: residents of the listed districts (all residents when the list "
        + "is empty) who are at least minAge years old")
public record Eligibility(
        @Schema(description = "District codes; empty for the whole city", examples = "[\"leninsky\", \"samarsky\"]") List<String> districts,
        @Schema(nullable = true, minimum = "0", maximum = "120", examples = "14") Integer minAge) {
}
