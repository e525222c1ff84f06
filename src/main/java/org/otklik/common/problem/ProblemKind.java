package org.otklik.common.problem;

/**
 * What a problem+json answer says about its kind: the type URI (under {@link ProblemType#BASE_URI}),
 * title and status. {@link ProblemType} holds the generic kinds; a feature defines its own (as
 * {@code poll/PollProblem} does).
 */
public interface ProblemKind {

    Definition definition();

    default String uri() {
        return definition().uri();
    }

    default String title() {
        return definition().title();
    }

    default int status() {
        return definition().status();
    }

    record Definition(String uri, String title, int status) {

        /** @param slug the last segment of the type URI under {@link ProblemType#BASE_URI} */
        public static Definition of(String slug, String title, int status) {
            return new Definition(ProblemType.BASE_URI + slug, title, status);
        }
    }
}
