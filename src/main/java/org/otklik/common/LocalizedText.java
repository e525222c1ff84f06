package org.otklik.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "LocalizedText", description = "A text in Russian, optionally also in English")
public record LocalizedText(
        @Schema(required = true, maxLength = 5000, examples = "Благоустройство набережной") String ru,
        @Schema(nullable = true, maxLength = 5000, examples = "Embankment improvement") String en) {
}
