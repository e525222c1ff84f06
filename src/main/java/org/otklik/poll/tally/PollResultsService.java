package org.otklik.poll.tally;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;
import org.otklik.poll.ConsistencyView;
import org.otklik.poll.PollProblem;
import org.otklik.poll.PollRepository;
import org.otklik.poll.PollResultsView;
import org.otklik.poll.PollSnapshot;
import org.otklik.poll.PollState;
import org.otklik.poll.PollStatus;
import org.otklik.poll.PollTimes;
import org.otklik.poll.PollsConfig;
import org.otklik.poll.PublicResults;
import org.otklik.poll.definition.ResultsPolicy;

import io.smallrye.mutiny.Uni;

/**
 * Results: before the poll's ballots are opened, the stepped snapshot of {@link LiveTallies} (totals
 * only); after, the final tallies with their breakdowns. Public results are cached per poll for
 * {@code otklik.polls.results-cache-ttl}.
 */
@ApplicationScoped
public class PollResultsService {

    private record Cached(PollResultsView view, Instant expires) {
    }

    private final PollRepository polls;
    private final TallyRepository tallies;
    private final PublicTallyRepository publicTallies;
    private final PollsConfig config;
    private final PollTimes times;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public PollResultsService(PollRepository polls, TallyRepository tallies, PublicTallyRepository publicTallies,
            PollsConfig config, PollTimes times) {
        this.times = times;
        this.polls = polls;
        this.tallies = tallies;
        this.publicTallies = publicTallies;
        this.config = config;
    }

    public Uni<PollResultsView> forPublic(UUID id) {
        PollTimes.Now now = times.now();
        Cached cached = cache.get(id);
        if (cached != null && now.instant().isBefore(cached.expires())) {
            return Uni.createFrom().item(cached.view());
        }
        return published(id).chain(poll -> {
            PollState state = poll.stateAt(now.instant());
            if (!PublicResults.visible(poll.definition().resultsPolicy(), state)) {
                cache.remove(id);
                throw switch (poll.definition().resultsPolicy()) {
                    case HIDDEN -> new ProblemException(PollProblem.RESULTS_NOT_PUBLIC,
                            "The results of this poll are not published.");
                    default -> new ProblemException(PollProblem.RESULTS_NOT_YET_PUBLIC,
                            state == PollState.UPCOMING ? "Voting has not started yet." : "The results are published when the poll closes.");
                };
            }
            Uni<PollResultsView> view;
            if (poll.opened()) {
                view = compute(poll, now);
            } else if (poll.definition().resultsPolicy() == ResultsPolicy.LIVE) {
                view = snapshot(poll, now);
            } else {
                throw new ProblemException(PollProblem.RESULTS_NOT_YET_PUBLIC,
                        "The poll has closed; its ballots are being opened and the results follow in a moment.");
            }
            return view.invoke(computed -> cache.put(id, new Cached(computed, now.instant().plus(config.resultsCacheTtl()))));
        });
    }

    /**
     * Before the ballots are opened: the last snapshot {@link LiveTallies} published (participants and
     * option counts, no breakdown), which moves in steps of at least small-group-threshold participants;
     * before the first step nothing is counted.
     */
    private Uni<PollResultsView> snapshot(PollSnapshot poll, PollTimes.Now now) {
        return publicTallies.find(poll.id()).map(current -> current
                .map(p -> PollResultsBuilder.build(poll, p.rows(), config.smallGroupThreshold(), now, p.publishedAt()))
                .orElseGet(() -> PollResultsBuilder.build(poll, List.of(), config.smallGroupThreshold(), now)));
    }

    /** Admins see the same as the public before the opening (whatever the policy), and the exact tallies after. */
    public Uni<PollResultsView> forAdmin(UUID id) {
        return polls.findSnapshot(id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("There is no poll " + id + ".")))
                .chain(poll -> poll.opened() ? compute(poll, times.now()) : snapshot(poll, times.now()));
    }

    public Uni<ConsistencyView> checkConsistency(UUID id) {
        return polls.findSnapshot(id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("There is no poll " + id + ".")))
                .chain(poll -> tallies.compare(id, poll.opened()).map(comparison -> view(id, poll.opened(), comparison)));
    }

    private ConsistencyView view(UUID id, boolean opened, TallyRepository.Comparison c) {
        boolean consistent = opened
                ? c.differences().isEmpty() && c.sealed() == 0 && c.ballots() == c.participations() && c.tallied() == c.ballots()
                : c.participations() == c.sealed() + c.ballots();
        return new ConsistencyView(id, consistent, opened ? "OPENED" : "SEALED", c.participations(), c.sealed(), c.ballots(),
                c.tallied(), c.differences().stream().map(d -> new ConsistencyView.DifferenceView(d.dimension(), d.group(),
                        d.key(), d.ballots(), d.tallies())).toList(),
                new ConsistencyView.TransactionSizes(c.batchSizes().single(), c.batchSizes().small(), c.batchSizes().large()),
                times.now().local());
    }

    private Uni<PollSnapshot> published(UUID id) {
        return polls.findSnapshot(id).map(found -> found.filter(p -> p.status() != PollStatus.DRAFT)
                .orElseThrow(() -> ProblemException.notFound("There is no poll " + id + ".")));
    }

    private Uni<PollResultsView> compute(PollSnapshot poll, PollTimes.Now now) {
        return tallies.tallies(poll.id())
                .map(rows -> PollResultsBuilder.build(poll, rows, config.smallGroupThreshold(), now));
    }
}
