package org.otklik.common.problem;

import java.util.List;
import java.util.Map;

import org.otklik.common.problem.Problem.FieldError;

/**
 * Thrown by services for an expected failure; rendered as the matching problem+json answer.
 */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemKind kind, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.kind = kind;
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

    public ProblemKind kind() {
        return kind;
    }

    /** The generic type of the problem; null when it is a feature's own {@link ProblemKind}. */
    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
