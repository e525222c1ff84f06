package org.otklik.common.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.otklik.common.problem.Problem.FieldError;

/** Collects every failed input of a request, so that one 400 answer names them all. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** @param pointer a JSON Pointer into the body ({@code /title}) */
    public FieldErrors add(String pointer, String message) {
        errors.add(FieldError.atPointer(pointer, message));
        return this;
    }

    /** @param name a query, path or header parameter */
    public FieldErrors addParameter(String name, String message) {
        errors.add(FieldError.atParameter(name, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw toProblem();
        }
    }

    public ProblemException toProblem() {
        String detail = errors.size() == 1 ? "1 field is not valid." : errors.size() + " fields are not valid.";
        return new ProblemException(ProblemType.VALIDATION, detail, errors, Map.of());
    }
}
