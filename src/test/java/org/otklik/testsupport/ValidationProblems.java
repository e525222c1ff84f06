package org.otklik.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.otklik.common.problem.Problem.FieldError;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;

/** The field errors of the one validation problem (400) that a check is expected to raise. */
public final class ValidationProblems {

    private ValidationProblems() {
    }

    public static List<FieldError> errorsOf(Runnable check) {
        try {
            check.run();
        } catch (ProblemException problem) {
            assertThat(problem.kind()).isEqualTo(ProblemType.VALIDATION);
            assertThat(problem.errors()).isNotEmpty();
            return problem.errors();
        }
        throw new AssertionError("the check passed; a validation problem was expected");
    }

    /** The one field error of the problem, asserting that there is only one. */
    public static FieldError onlyError(Runnable check) {
        List<FieldError> errors = errorsOf(check);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }
}
