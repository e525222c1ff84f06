package org.otklik.poll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.ProblemException;

import org.otklik.poll.TallyRepository.TallyRow;

import io.smallrye.mutiny.Uni;

/**
 * Results from the tally aggregate, never from the ballots. Public results are cached per poll for
 * {@code otklik.polls.results-cache-ttl}; the tallies themselves lag the votes by the refresh interval.
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
            Uni<PollResultsView> view = poll.definition().resultsPolicy() == ResultsPolicy.LIVE ? inSteps(poll, now)
                    : compute(poll, now);
            return view.invoke(computed -> cache.put(id, new Cached(computed, now.instant().plus(config.resultsCacheTtl()))));
        });
    }

    /**
     * LIVE results move in steps of at least small-group-threshold participants, so that no two
     * public snapshots differ by fewer votes than that; before the first step nothing is counted.
     */
    private Uni<PollResultsView> inSteps(PollSnapshot poll, PollTimes.Now now) {
        int step = Math.max(1, config.smallGroupThreshold());
        return publicTallies.find(poll.id()).chain(published -> tallies.tallies(poll.id()).chain(rows -> {
            long participants = rows.stream()
                    .filter(row -> "ALL".equals(row.dimension()) && row.group().isEmpty() && row.key().isEmpty())
                    .mapToLong(TallyRow::votes).sum();
            long base = published.map(PublicTallyRepository.Published::participants).orElse(0L);
            return participants >= base + step ? publicTallies.publish(poll.id(), participants, rows, now.instant(), step)
                    : Uni.createFrom().item(published);
        })).map(current -> current
                .map(p -> PollResultsBuilder.build(poll, p.rows(), config.smallGroupThreshold(), now, p.publishedAt()))
                .orElseGet(() -> PollResultsBuilder.build(poll, List.of(), config.smallGroupThreshold(), now)));
    }

    public Uni<PollResultsView> forAdmin(UUID id) {
        return polls.findSnapshot(id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("There is no poll " + id + ".")))
                .chain(poll -> compute(poll, times.now()));
    }

    public Uni<ConsistencyView> checkConsistency(UUID id) {
        return polls.findSnapshot(id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("There is no poll " + id + ".")))
                .chain(poll -> tallies.compare(id))
                .map(comparison -> new ConsistencyView(id, comparison.differences().isEmpty(), comparison.ballots(),
                        comparison.participations(), comparison.pendingDeltas(),
                        comparison.differences().stream().map(d -> new ConsistencyView.DifferenceView(d.dimension(),
                                d.group(), d.key(), d.ballots(), d.tallies())).toList(),
                        new ConsistencyView.TransactionSizes(comparison.batchSizes().single(),
                                comparison.batchSizes().small(), comparison.batchSizes().large()),
                        times.now().local()));
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
