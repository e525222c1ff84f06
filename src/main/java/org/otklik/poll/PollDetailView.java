package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;
import org.otklik.poll.definition.Eligibility;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.poll.definition.Question;
import org.otklik.poll.definition.ResultsPolicy;

@Schema(name = "PollDetail", description = "A published poll: its frozen definition and, for a logged-in citizen, whether they may vote")
public record PollDetailView(
        UUID id,
        PollState state,
        LocalizedText title,
        @Schema(nullable = true) LocalizedText description,
        OffsetDateTime opensAt,
        @Schema(description = "When voting ends, or ended if an admin closed the poll early") OffsetDateTime closesAt,
        Eligibility eligibility,
        ResultsPolicy resultsPolicy,
        @Schema(description = "Whether GET /api/v1/polls/{id}/results answers now") boolean resultsVisible,
        @Schema(description = "As the definition says (it is part of its hash): true for every poll defined since ballots are "
                + "sealed; every poll's ballots are sealed until the close, whatever an older definition says") boolean secret,
        boolean allowRevote,
        List<Question> questions,
        @Schema(description = "SHA-256 (hex) of the canonical JSON of the definition (title, description, eligibility, "
                + "resultsPolicy, secret, allowRevote, questions; members sorted by name, no whitespace, absent values left out)",
                examples = "9f2c4e1b0a7d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a") String definitionHash,
        @Schema(nullable = true, description = "Only when a citizen's token came with the request") VotingView voting) {

    @Schema(name = "PollVoting", description = "What the calling citizen may do in this poll")
    public record VotingView(
            boolean canVote,
            boolean hasVoted,
            @Schema(nullable = true, description = "Why canVote is false: NOT_OPEN, NOT_ELIGIBLE or ALREADY_VOTED") String reason) {
    }

    static PollDetailView of(Poll poll, PollTimes.Now now, VotingView voting) {
        PollDefinition definition = PollDefinition.fromCanonicalJson(poll.definition);
        PollState state = poll.stateAt(now.instant());
        return new PollDetailView(poll.id, state, definition.title(), definition.description(),
                now.local(poll.opensAt), now.local(PollSummaryView.effectiveClose(poll)),
                definition.eligibility(), definition.resultsPolicy(), PublicResults.visible(poll.resultsPolicy, state),
                definition.secret(), definition.allowRevote(), definition.questions(), poll.definitionHash, voting);
    }
}
