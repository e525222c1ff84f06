package org.otklik.common.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail. {@code extensions} carries extra members (such as {@code correlationId}
 * or {@code allowedActions}) at the top level of the JSON object.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    /**
     * One failed input: {@code pointer} is a JSON Pointer into the request body, {@code parameter}
     * names a query, path or header parameter.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String pointer, String parameter, String message) {

        public static FieldError atPointer(String pointer, String message) {
            return new FieldError(pointer, null, message);
        }

        public static FieldError atParameter(String parameter, String message) {
            return new FieldError(null, parameter, message);
        }
    }
}
