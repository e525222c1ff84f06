package org.otklik.poll.tally;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The polls' scheduled work: opening the ballots of polls that have closed ({@link PollOpening},
 * exactly once whichever replica gets there), the LIVE snapshots before close ({@link LiveTallies}, on
 * the replica that takes its advisory lock), and the consistency check (likewise).
 */
@ApplicationScoped
public class TallyJobs {

    private static final Logger LOG = Logger.getLogger(TallyJobs.class);

    private final TallyRepository tallies;
    private final PollResultsService results;
    private final PollOpening opening;
    private final LiveTallies live;
    private final Clock clock;
    private final Counter mismatches;
    private volatile boolean stopping;

    public TallyJobs(TallyRepository tallies, PollResultsService results, PollOpening opening, LiveTallies live,
            Clock clock, MeterRegistry registry) {
        this.tallies = tallies;
        this.results = results;
        this.opening = opening;
        this.live = live;
        this.clock = clock;
        this.mismatches = Counter.builder("otklik.poll.tally.mismatches")
                .description("Polls whose tallies differed from their ballots at a scheduled check")
                .register(registry);
    }

    @Scheduled(identity = "poll-open", every = "${otklik.polls.close-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledOpening() {
        return unlessStopping("poll-open", () -> opening.openDue().replaceWithVoid());
    }

    @Scheduled(identity = "poll-live", every = "${otklik.polls.tally-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledLive() {
        return unlessStopping("poll-live", () -> refreshLive().replaceWithVoid());
    }

    /** The LIVE snapshots of open polls, on one replica at a time (the others skip the round). */
    public Uni<Integer> refreshLive() {
        return tallies.exclusively(TallyRepository.LIVE_LOCK, live::refresh).map(done -> done.orElse(0));
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * A run does not start once the application is shutting down, and a run that fails then (the pool
     * closes under it) ends quietly: its deltas wait in the table for the next start. Failures before
     * shutdown still reach the scheduler's error log.
     */
    private Uni<Void> unlessStopping(String job, Supplier<Uni<Void>> run) {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(run::get).onFailure(failure -> stopping).recoverWithItem(failure -> {
            LOG.debugf("Job %s stopped by the shutdown: %s", job, failure);
            return null;
        });
    }

    @Scheduled(identity = "poll-tally-check", every = "${otklik.polls.consistency-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        return unlessStopping("poll-tally-check", () -> tallies.exclusively(TallyRepository.CHECK_LOCK, () -> tallies.pollsToCheck(clock.instant())
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::check)
                .collect().last())
                .replaceWithVoid());
    }

    private Uni<Void> check(UUID pollId) {
        return results.checkConsistency(pollId).invoke(view -> {
            if (!view.consistent()) {
                mismatches.increment();
                LOG.warnf("Poll %s (%s): claims %d, sealed %d, ballots %d, tallied %d, %d tally counts differ from "
                        + "the ballots", pollId, view.phase(), view.participations(), view.sealedBallots(), view.ballots(),
                        view.tallied(), view.differences().size());
            }
        }).replaceWithVoid();
    }
}
