package org.otklik.common;

import java.util.List;
import java.util.Map;

import org.otklik.common.Problem.FieldError;

/**
 * Thrown by services for an expected failure; rendered as the matching problem+json answer.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException badParameter(String parameter, String message) {
        return new ProblemException(ProblemType.BAD_PARAMETER, message,
                List.of(FieldError.atParameter(parameter, message)), Map.of());
    }

    public static ProblemException invalidField(String pointer, String message) {
        return new ProblemException(ProblemType.VALIDATION, message,
                List.of(FieldError.atPointer(pointer, message)), Map.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
