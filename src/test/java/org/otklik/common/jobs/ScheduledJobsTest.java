package org.otklik.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.Parallel;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Scheduled jobs run once per interval, however many instances try at once. */
@QuarkusTest
class ScheduledJobsTest {

    @Inject
    ScheduledJobs jobs;

    @Inject
    Clock clock;

    /** The slot of {@code interval} the clock is in (slots are counted from the epoch, as ScheduledJobs counts them). */
    private long slot(Duration interval) {
        return clock.millis() / interval.toMillis();
    }

    private void awaitSlotAfter(long slot, Duration interval) {
        Await.until("a slot of " + interval + " after slot " + slot, Duration.ofSeconds(5), () -> slot(interval) > slot);
    }

    private Optional<Integer> attempt(String job, Duration interval, AtomicInteger runs, Duration takes) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> jobs.once(job, interval, () -> {
                Uni<Integer> run = Uni.createFrom().item(runs::incrementAndGet);
                return takes.isZero() ? run : run.onItem().delayIt().by(takes);
            }));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void manyInstancesAtOnceRunAJobOncePerInterval() throws Exception {
        String job = "test-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        List<Optional<Integer>> results = Parallel.run(12, () -> attempt(job, Duration.ofHours(1), runs, Duration.ZERO));
        assertThat(runs.get()).isEqualTo(1);
        assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(attempt(job, Duration.ofHours(1), runs, Duration.ZERO)).as("same interval: skipped").isEmpty();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void theNextIntervalRunsAgainButNeverWhileARunIsUnfinished() throws Exception {
        String job = "test-" + UUID.randomUUID();
        Duration interval = Duration.ofMillis(500);
        AtomicInteger runs = new AtomicInteger();
        assertThat(attempt(job, interval, runs, Duration.ZERO)).isPresent();
        // attempts within the slot just run are skipped (runs stays put) until the next slot runs the job again
        Await.until("a run in a later interval", Duration.ofSeconds(5),
                () -> attempt(job, interval, runs, Duration.ZERO).isPresent());
        assertThat(runs.get()).isEqualTo(2);
        awaitSlotAfter(slot(interval), interval);
        // a slow run spanning the next interval keeps other instances out until it ends
        CompletableFuture<Optional<Integer>> slow = CompletableFuture.supplyAsync(
                () -> attempt(job, interval, runs, Duration.ofMillis(1500)));
        Await.until("the slow run has started", Duration.ofSeconds(5), () -> runs.get() == 3);
        awaitSlotAfter(slot(interval), interval);
        assertThat(attempt(job, interval, runs, Duration.ZERO)).as("a run is still unfinished").isEmpty();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(attempt(job, interval, runs, Duration.ZERO)).as("the slow run has ended").isPresent();
        assertThat(runs.get()).isEqualTo(4);
    }
}
