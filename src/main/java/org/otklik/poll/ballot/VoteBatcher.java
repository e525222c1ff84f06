package org.otklik.poll.ballot;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.poll.PollsConfig;
import org.otklik.poll.ballot.BallotRepository.BatchResult;
import org.otklik.poll.ballot.BallotRepository.BatchVote;
import org.otklik.poll.ballot.BallotRepository.Outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Gathers the accepted votes of this instance into mixed batches (see {@link BallotRepository#writeBatch}).
 * A batch is written as soon as it holds {@code mix.min-batch} votes and fewer than {@code mix.writers}
 * batches are being written; while the database works on one batch the next one fills up, so batches
 * grow with the load. A batch is written anyway once it is full or its first vote has waited
 * {@code mix.max-wait}. Each vote's answer comes after the commit of its batch; when the batch fails,
 * every vote of it fails with {@link BatchFailedException}.
 */
// At start, so that the accepted-votes counter is exported (at zero) before the first vote.
@Startup
@ApplicationScoped
public class VoteBatcher {

    private static final Logger LOG = Logger.getLogger(VoteBatcher.class);

    /** What the vote's request learns once its batch is committed. */
    public record Stored(Outcome outcome) {
    }

    private record Pending(BatchVote vote, UniEmitter<? super Stored> emitter, Context context) {
    }

    private final BallotRepository ballots;
    private final Vertx vertx;
    private final long maxWaitNanos;
    private final int maxBatch;
    private final int minBatch;
    private final int writers;
    private final DistributionSummary batchSizes;
    private final Counter accepted;

    private List<Pending> gathering = new ArrayList<>();
    private long firstArrival;
    private int writing;

    public VoteBatcher(BallotRepository ballots, Vertx vertx, PollsConfig config, MeterRegistry registry) {
        this.ballots = ballots;
        this.vertx = vertx;
        this.maxWaitNanos = config.mix().maxWait().toNanos();
        this.maxBatch = Math.max(1, config.mix().maxBatch());
        this.minBatch = Math.max(1, Math.min(config.mix().minBatch(), maxBatch));
        this.writers = Math.max(1, config.mix().writers());
        this.batchSizes = DistributionSummary.builder("otklik.poll.batch.votes")
                .description("Votes per mixed batch written by this instance")
                .register(registry);
        this.accepted = Counter.builder("otklik.polls.votes.accepted")
                .description("Votes stored sealed (first votes and revotes), counted after the commit of their batch")
                .register(registry);
    }

    /** Completes on the caller's Vert.x context once the vote's batch is committed. */
    public Uni<Stored> submit(BatchVote vote) {
        return Uni.createFrom().emitter(emitter -> {
            boolean first;
            synchronized (this) {
                first = gathering.isEmpty();
                if (first) {
                    firstArrival = System.nanoTime();
                }
                gathering.add(new Pending(vote, emitter, Vertx.currentContext()));
            }
            if (first) {
                startTimer();
            }
            drain();
        });
    }

    private void startTimer() {
        vertx.setTimer(Math.max(1, maxWaitNanos / 1_000_000), id -> drain());
    }

    private void drain() {
        while (true) {
            List<Pending> batch;
            boolean leftOver = false;
            synchronized (this) {
                int size = gathering.size();
                if (size == 0) {
                    return;
                }
                boolean full = size >= maxBatch;
                boolean due = System.nanoTime() - firstArrival >= maxWaitNanos;
                boolean ready = size >= minBatch && writing < writers;
                if (!full && !due && !ready) {
                    return;
                }
                if (size > maxBatch) {
                    batch = new ArrayList<>(gathering.subList(0, maxBatch));
                    gathering = new ArrayList<>(gathering.subList(maxBatch, size));
                    firstArrival = System.nanoTime();
                    leftOver = true;
                } else {
                    batch = gathering;
                    gathering = new ArrayList<>();
                }
                writing++;
            }
            if (leftOver) {
                startTimer();
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<BatchVote> votes = new ArrayList<>(batch.size());
        batch.forEach(pending -> votes.add(pending.vote()));
        ballots.writeBatch(votes).subscribe().with(
                result -> {
                    finished();
                    answer(batch, result);
                },
                failure -> {
                    finished();
                    LOG.warnf("A batch of %d votes could not be stored and was answered 503: %s", batch.size(),
                            failure.toString());
                    BatchFailedException failed = new BatchFailedException(failure);
                    batch.forEach(pending -> on(pending, () -> pending.emitter().fail(failed)));
                });
    }

    private void finished() {
        synchronized (this) {
            writing--;
        }
        drain();
    }

    private void answer(List<Pending> batch, BatchResult result) {
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            Stored stored = new Stored(result.outcomes().get(i));
            if (stored.outcome() == Outcome.STORED || stored.outcome() == Outcome.REPLACED) {
                accepted.increment();
            }
            on(pending, () -> pending.emitter().complete(stored));
        }
    }

    private static void on(Pending pending, Runnable action) {
        if (pending.context() == null || pending.context() == Vertx.currentContext()) {
            action.run();
        } else {
            pending.context().runOnContext(ignored -> action.run());
        }
    }

    /** Every vote of a batch that could not be committed fails with this; nothing of the batch was stored. */
    public static class BatchFailedException extends RuntimeException {

        public BatchFailedException(Throwable cause) {
            super("the batch could not be stored", cause, false, false);
        }
    }
}
