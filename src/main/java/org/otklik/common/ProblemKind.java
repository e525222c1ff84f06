package org.otklik.common;

/**
 * What a problem+json answer says about its kind: the type URI (under {@link ProblemType#BASE_URI}),
 * title and status. {@link ProblemType} holds the generic kinds; a feature defines its own (as
 * {@code poll/PollProblem} does).
 */
public interface ProblemKind {

    String uri();

    String title();

    int status();
}
