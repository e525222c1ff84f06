package org.otklik.poll;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.otklik.common.LocalizedText;
import org.otklik.poll.definition.Eligibility;
import org.otklik.poll.definition.PollDefinition;

@Schema(name = "PollSummary", description = "A poll in the public list")
public record PollSummaryView(
        UUID id,
        @Schema(description = "UPCOMING, OPEN, CLOSED or ARCHIVED") PollState state,
        LocalizedText title,
        OffsetDateTime opensAt,
        OffsetDateTime closesAt,
        Eligibility eligibility,
        boolean resultsVisible,
        String definitionHash) {

    static PollSummaryView of(Poll poll, PollTimes.Now now) {
        PollDefinition definition = PollDefinition.fromCanonicalJson(poll.definition);
        PollState state = poll.stateAt(now.instant());
        return new PollSummaryView(poll.id, state, definition.title(), now.local(poll.opensAt),
                now.local(effectiveClose(poll)), definition.eligibility(),
                PublicResults.visible(poll.resultsPolicy, state), poll.definitionHash);
    }

    static Instant effectiveClose(Poll poll) {
        return poll.closedAt != null && poll.closedAt.isBefore(poll.closesAt) ? poll.closedAt : poll.closesAt;
    }
}
