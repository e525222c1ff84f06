package org.otklik.poll;

/** The results policy applied to a poll's state. */
final class PublicResults {

    private PublicResults() {
    }

    static boolean visible(ResultsPolicy policy, PollState state) {
        return switch (policy) {
            case LIVE -> state.votingHasOpened();
            case AFTER_CLOSE -> state == PollState.CLOSED || state == PollState.ARCHIVED;
            case HIDDEN -> false;
        };
    }
}
