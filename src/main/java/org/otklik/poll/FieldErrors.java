package org.otklik.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.otklik.common.Problem.FieldError;
import org.otklik.common.ProblemException;
import org.otklik.common.ProblemType;

/** Collects every failed input of a request body, so that one answer names them all. */
final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    void add(String pointer, String message) {
        errors.add(FieldError.atPointer(pointer, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw toProblem();
        }
    }

    ProblemException toProblem() {
        String detail = errors.size() == 1 ? "1 field is not valid." : errors.size() + " fields are not valid.";
        return new ProblemException(ProblemType.VALIDATION, detail, errors, Map.of());
    }
}
