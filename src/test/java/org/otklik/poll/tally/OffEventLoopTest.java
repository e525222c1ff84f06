package org.otklik.poll.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The unsealing of a poll's ballots (at close and for LIVE snapshots) runs through {@link OffEventLoop}:
 * the work on a worker thread, the continuation back on the caller's event loop, where its SQL
 * connection lives. Closing a poll of many ballots and counting them is covered by PollConcurrencyTest
 * and BallotSecrecyTest.
 */
class OffEventLoopTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private record Seen(boolean workOnWorker, String workThread, boolean continuationOnEventLoop,
            String continuationThread, String callerThread) {
    }

    @Test
    void theWorkRunsOnAWorkerAndTheResultComesBackOnTheCallersEventLoop() throws Exception {
        OffEventLoop workers = new OffEventLoop();
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> {
            String caller = Thread.currentThread().getName();
            workers.run(() -> new String[] { String.valueOf(Context.isOnWorkerThread()), Thread.currentThread().getName() })
                    .subscribe().with(work -> seen.complete(new Seen(Boolean.parseBoolean(work[0]), work[1],
                            Context.isOnEventLoopThread(), Thread.currentThread().getName(), caller)),
                            seen::completeExceptionally);
        });
        Seen result = seen.get(10, TimeUnit.SECONDS);
        assertThat(result.workOnWorker()).as("work on a worker thread (%s)", result.workThread()).isTrue();
        assertThat(result.continuationOnEventLoop()).isTrue();
        assertThat(result.continuationThread()).isEqualTo(result.callerThread());
    }

    @Test
    void aLongChunkDoesNotHoldTheEventLoop() throws Exception {
        OffEventLoop workers = new OffEventLoop();
        CompletableFuture<Long> timerFiredAfter = new CompletableFuture<>();
        CompletableFuture<Void> workDone = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        long start = System.nanoTime();
        context.runOnContext(ignored -> {
            workers.run(() -> {
                Thread.sleep(1500);
                return null;
            }).subscribe().with(done -> workDone.complete(null), workDone::completeExceptionally);
            // The same event loop answers a timer while the "chunk" runs elsewhere.
            vertx.setTimer(50, id -> timerFiredAfter.complete(System.nanoTime() - start));
        });
        long firedAfter = timerFiredAfter.get(10, TimeUnit.SECONDS);
        workDone.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(firedAfter)).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void aFailureOfTheWorkFailsTheUni() throws Exception {
        OffEventLoop workers = new OffEventLoop();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> workers.run(() -> {
            throw new IllegalStateException("tag mismatch");
        }).subscribe().with(item -> failed.complete(null), failed::complete));
        assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class).hasMessage("tag mismatch");
    }

    @Test
    void withoutAVertxContextTheWorkStillRunsOffTheCallingThread() {
        OffEventLoop workers = new OffEventLoop();
        String caller = Thread.currentThread().getName();
        String worker = workers.run(() -> Thread.currentThread().getName()).await().atMost(Duration.ofSeconds(10));
        assertThat(worker).isNotEqualTo(caller);
    }
}
