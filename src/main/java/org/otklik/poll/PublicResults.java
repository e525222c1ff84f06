package org.otklik.poll;

import org.otklik.poll.definition.ResultsPolicy;

/** The results policy applied to a poll's state. */
public final class PublicResults {

    private PublicResults() {
    }

    public static boolean visible(ResultsPolicy policy, PollState state) {
        return switch (policy) {
            case LIVE -> state.votingHasOpened();
            case AFTER_CLOSE -> state == PollState.CLOSED || state == PollState.ARCHIVED;
            case HIDDEN -> false;
        };
    }
}
