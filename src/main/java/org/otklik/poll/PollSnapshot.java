package org.otklik.poll;

import java.time.Instant;
import java.util.UUID;

import org.otklik.poll.definition.PollDefinition;

/**
 * A poll as the voting and results paths need it: a projection {@link PollRepository} reads through the
 * pool. opened: its sealed ballots were opened at close, and its tallies are final.
 */
public record PollSnapshot(UUID id, PollStatus status, Instant opensAt, Instant closesAt, String definitionHash,
        PollDefinition definition, boolean opened) {

    public PollState stateAt(Instant now) {
        return PollState.of(status, opensAt, closesAt, now);
    }
}
