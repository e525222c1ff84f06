package org.otklik.common.problem;

/**
 * Paths that implement a standard with its own error form (Open311) answer their errors in that form
 * instead of problem+json. {@link ProblemResponses} asks every dialect bean whether it covers the path
 * a problem is about ({@link Problem#instance()}); the status and headers of the answer stay the same.
 */
public interface ErrorDialect {

    boolean covers(String path);

    Body render(Problem problem);

    record Body(String contentType, String content) {
    }
}
