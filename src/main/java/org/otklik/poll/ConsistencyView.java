package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PollTallyCheck", description = "Tallies recomputed from the ballots and compared with the stored ones")
public record ConsistencyView(
        UUID pollId,
        @Schema(description = "True when no count differs") boolean consistent,
        long ballots,
        @Schema(description = "Participation rows; equal to ballots unless a vote is being stored right now") long participations,
        @Schema(description = "Ballots not yet folded into the tallies (they count in the comparison)") long pendingDeltas,
        @Schema(description = "At most 1000 differing counts") List<DifferenceView> differences,
        @Schema(description = "Ballots by the size of the transaction that committed them (their mixed batch)")
        TransactionSizes ballotsByTransactionSize,
        OffsetDateTime checkedAt) {

    @Schema(name = "PollBallotTransactionSizes", description = "A ballot committed alone can be linked to its voter by "
            + "whoever holds the participation secret and the subjects; in a batch of n, only to n voters")
    public record TransactionSizes(
            @Schema(description = "Ballots committed in a transaction of 1 ballot (also revotes and ballots from before batching)")
            long one,
            @Schema(description = "Ballots committed in transactions of 2 to 9 ballots") long twoToNine,
            @Schema(description = "Ballots committed in transactions of 10 or more ballots") long tenOrMore) {
    }

    @Schema(name = "PollTallyDifference")
    public record DifferenceView(
            @Schema(description = "ALL, DISTRICT or CHANNEL") String dimension,
            String group,
            @Schema(description = "'' participants, q1 answered, q1=code option, q1=4 rating") String key,
            long ballots,
            long tallies) {
    }
}
