package org.otklik.poll;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.ProblemException;
import org.otklik.poll.PollDetailView.VotingView;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What the public widget and the apps read about polls. */
@ApplicationScoped
public class PollService {

    private final PollRepository polls;
    private final BallotService ballots;

    public PollService(PollRepository polls, BallotService ballots) {
        this.polls = polls;
        this.ballots = ballots;
    }

    @WithSession
    public Uni<PollSummaryPage> list(PollState state, String district, String cursor, int limit) {
        if (state != null && state != PollState.OPEN && state != PollState.UPCOMING && state != PollState.CLOSED) {
            return Uni.createFrom().failure(ProblemException.badParameter("state", "must be OPEN, UPCOMING or CLOSED"));
        }
        PageCursor after = PageCursor.decode(cursor);
        Instant now = Instant.now();
        return polls.listPublished(state, district, now, after, limit + 1).map(found -> {
            List<PollSummaryView> items = found.stream().limit(limit).map(p -> PollSummaryView.of(p, now)).toList();
            String next = found.size() > limit ? new PageCursor(found.get(limit - 1).opensAt, found.get(limit - 1).id).encode() : null;
            return new PollSummaryPage(items, next);
        });
    }

    /** A published poll; with voting information when the caller is a citizen. */
    @WithSession
    public Uni<PollDetailView> detail(UUID id, Optional<Caller> caller) {
        Instant now = Instant.now();
        return polls.findById(id).chain(poll -> {
            if (poll == null || poll.status == PollStatus.DRAFT) {
                throw ProblemException.notFound("There is no poll " + id + ".");
            }
            PollDefinition definition = PollDefinition.fromCanonicalJson(poll.definition);
            Uni<VotingView> voting = caller.filter(c -> c.hasRole(Roles.CITIZEN))
                    .map(c -> ballots.votingOf(poll, definition, c, now))
                    .orElse(Uni.createFrom().nullItem());
            return voting.map(v -> PollDetailView.of(poll, now, v));
        });
    }
}
