package org.otklik.poll;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PollTallyCheck", description = "Claims, sealed ballots, opened ballots and tallies counted in one snapshot. "
        + "SEALED (before the opening at close): consistent when every claim holds a sealed ballot (or one stored in clear "
        + "before ballots were sealed). OPENED: consistent when opened ballots = claims = participants in the tallies and "
        + "every tally equals its recount from the ballots.")
public record ConsistencyView(
        UUID pollId,
        boolean consistent,
        @Schema(enumeration = { "SEALED", "OPENED" }) String phase,
        @Schema(description = "Claims: one per citizen who voted") long participations,
        @Schema(description = "Ballots sealed in their claims (0 once opened)") long sealedBallots,
        @Schema(description = "Ballots in the clear: opened at close (before it, only those stored before ballots were sealed)")
        long ballots,
        @Schema(description = "Participants in the tallies (written at the opening)") long tallied,
        @Schema(description = "At most 1000 differing counts (OPENED only)") List<DifferenceView> differences,
        @Schema(description = "Ballots in the clear by the size of the transaction that wrote them (the opening writes "
                + "all of a poll's ballots in one)")
        TransactionSizes ballotsByTransactionSize,
        OffsetDateTime checkedAt) {

    @Schema(name = "PollBallotTransactionSizes", description = "Ballots in the clear by the number of ballots their "
            + "transaction wrote")
    public record TransactionSizes(
            @Schema(description = "Written in a transaction of 1 ballot (only ballots stored before ballots were sealed)")
            long one,
            @Schema(description = "Written in transactions of 2 to 9 ballots") long twoToNine,
            @Schema(description = "Written in transactions of 10 or more ballots") long tenOrMore) {
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
