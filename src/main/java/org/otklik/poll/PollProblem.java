package org.otklik.poll;

import org.otklik.common.problem.ProblemKind;

/** The problem types of voting and results. */
public enum PollProblem implements ProblemKind {
    NOT_ELIGIBLE("not-eligible", "You may not vote in this poll", 403),
    RESULTS_NOT_PUBLIC("results-not-public", "The results of this poll are not public", 403),
    POLL_NOT_OPEN("poll-not-open", "The poll is not open for voting", 409),
    ALREADY_VOTED("already-voted", "You have already voted in this poll", 409),
    RESULTS_NOT_YET_PUBLIC("results-not-yet-public", "The results are published when the poll closes", 409),
    RECEIPT_CHECK_MOVED("receipt-check-moved", "Receipts are checked with POST /api/v1/polls/receipt-checks", 410);

    private final Definition definition;

    PollProblem(String slug, String title, int status) {
        this.definition = Definition.of(slug, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
