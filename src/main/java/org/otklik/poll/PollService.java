package org.otklik.poll;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.poll.PollDetailView.VotingView;
import org.otklik.poll.ballot.BallotService;
import org.otklik.poll.definition.PollDefinition;
import org.otklik.security.Caller;
import org.otklik.security.Roles;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What the public widget and the apps read about polls. */
@ApplicationScoped
public class PollService {

    private final PollRepository polls;
    private final BallotService ballots;
    private final PollTimes times;

    public PollService(PollRepository polls, BallotService ballots, PollTimes times) {
        this.times = times;
        this.polls = polls;
        this.ballots = ballots;
    }

    @WithSession
    public Uni<PollSummaryPage> list(PollState state, String district, String cursor, int limit) {
        if (state != null && state != PollState.OPEN && state != PollState.UPCOMING && state != PollState.CLOSED) {
            return Uni.createFrom().failure(ProblemException.badParameter("state", "must be OPEN, UPCOMING or CLOSED"));
        }
        KeysetCursor after = cursor == null ? null : PollRepository.decodeCursor(cursor);
        PollTimes.Now now = times.now();
        return polls.listPublished(state, district, now.instant(), after, limit + 1)
                .map(found -> PollSummaryPage.of(Page.of(found, limit, p -> KeysetCursor.of(p.opensAt, p.id),
                        p -> PollSummaryView.of(p, now))));
    }

    /** A published poll; with voting information when the caller is a citizen. */
    @WithSession
    public Uni<PollDetailView> detail(UUID id, Optional<Caller> caller) {
        PollTimes.Now now = times.now();
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
