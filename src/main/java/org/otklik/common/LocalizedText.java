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

    /**
     * Contains a character that is neither white space nor a control character (what "not blank" means here), as
     * explicit ranges: contract test generators do not all know the regex shorthands.
     */
    public static final String NOT_BLANK = "[!-~\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u205e\u2060-\u2fff\u3001-\ud7ff\ue000-\ufffd]";
}
