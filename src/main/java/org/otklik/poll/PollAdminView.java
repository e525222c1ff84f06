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

@Schema(name = "PollAdmin", description = "A poll as admins see it, drafts included")
public record PollAdminView(
        UUID id,
        PollStatus status,
        @Schema(description = "What the public sees now: DRAFT, UPCOMING, OPEN, CLOSED or ARCHIVED") PollState state,
        LocalizedText title,
        @Schema(nullable = true) LocalizedText description,
        OffsetDateTime opensAt,
        OffsetDateTime closesAt,
        @Schema(nullable = true, description = "When an admin closed the poll early") OffsetDateTime closedAt,
        Eligibility eligibility,
        ResultsPolicy resultsPolicy,
        @Schema(description = "As the definition says (it is part of its hash): true for every poll defined since ballots are "
                + "sealed; every poll's ballots are sealed until the close, whatever an older definition says") boolean secret,
        boolean allowRevote,
        List<Question> questions,
        @Schema(description = "SHA-256 (hex) of the definition's canonical JSON; fixed once the poll is published",
                examples = "9f2c4e1b0a7d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a") String definitionHash,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(nullable = true) OffsetDateTime publishedAt,
        @Schema(description = "Changes with every update") long version) {

    static PollAdminView of(Poll poll, PollTimes.Now now) {
        PollDefinition definition = PollDefinition.fromCanonicalJson(poll.definition);
        return new PollAdminView(poll.id, poll.status, poll.stateAt(now.instant()), definition.title(), definition.description(),
                now.local(poll.opensAt), now.local(poll.closesAt), now.local(poll.closedAt),
                definition.eligibility(), definition.resultsPolicy(), definition.secret(), definition.allowRevote(),
                definition.questions(), poll.definitionHash, now.local(poll.createdAt),
                now.local(poll.updatedAt), now.local(poll.publishedAt), poll.version);
    }
}
