package org.otklik.poll;

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
 * Keeps the tally aggregate current and checks it against the ballots. With several replicas the
 * refresh folds under an advisory lock (one replica at a time, the others wait and then find little
 * left), and the consistency check runs on whichever replica takes its advisory lock; the others skip.
 */
@ApplicationScoped
public class TallyJobs {

    private static final Logger LOG = Logger.getLogger(TallyJobs.class);
    /** Bounds one refresh run; what is left waits for the next run. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final TallyRepository tallies;
    private final PollResultsService results;
    private final PollsConfig config;
    private final Counter mismatches;
    private volatile boolean stopping;

    public TallyJobs(TallyRepository tallies, PollResultsService results, PollsConfig config, MeterRegistry registry) {
        this.tallies = tallies;
        this.results = results;
        this.config = config;
        this.mismatches = Counter.builder("otklik.poll.tally.mismatches")
                .description("Polls whose tallies differed from their ballots at a scheduled check")
                .register(registry);
    }

    @Scheduled(identity = "poll-tally-refresh", every = "${otklik.polls.tally-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return unlessStopping("poll-tally-refresh", () -> refresh().replaceWithVoid());
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

    /** Folds every pending delta (within the per-run bound); returns how many were folded. */
    public Uni<Long> refresh() {
        return foldFrom(0, 0L);
    }

    private Uni<Long> foldFrom(int batch, long foldedSoFar) {
        return tallies.foldDeltas(config.tallyBatchSize()).chain(folded -> {
            long total = foldedSoFar + folded;
            if (folded < config.tallyBatchSize() || batch + 1 >= MAX_BATCHES_PER_RUN) {
                return Uni.createFrom().item(total);
            }
            return foldFrom(batch + 1, total);
        });
    }

    @Scheduled(identity = "poll-tally-check", every = "${otklik.polls.consistency-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        return unlessStopping("poll-tally-check", () -> tallies.exclusively(TallyRepository.CHECK_LOCK, () -> tallies.pollsToCheck()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::check)
                .collect().last())
                .replaceWithVoid());
    }

    private Uni<Void> check(UUID pollId) {
        return results.checkConsistency(pollId).invoke(view -> {
            if (!view.consistent()) {
                mismatches.increment();
                LOG.warnf("Poll %s: %d tally counts differ from its ballots (first: %s)", pollId,
                        view.differences().size(), view.differences().get(0));
            }
        }).replaceWithVoid();
    }
}
