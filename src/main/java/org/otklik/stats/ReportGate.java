package org.otklik.stats;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.ratelimit.RateLimitExceededException;
import org.otklik.common.ratelimit.RateLimitScope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Bounds the reports: at most {@code max-concurrent-reports} run on this instance at once (each holds
 * one connection of the shared pool at a time, so the rest of the pool stays free for intake and
 * votes), a report waits at most {@code report-wait} for a slot and is then refused with 503, and one
 * caller has at most {@code max-reports-per-caller} in flight (429 past that). Waiting never blocks a
 * thread: waiters queue and are handed a slot when one is released.
 */
@Startup // its meters are in the scrape from the start
@ApplicationScoped
public class ReportGate {

    static final String CONCURRENCY_POLICY = "reports-in-flight";

    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int FINISHED = 2;

    /** One report's claim on a slot: granted once, finished once, whichever of timeout and grant comes first. */
    private static final class Slot {
        final AtomicInteger state = new AtomicInteger(WAITING);
        UniEmitter<? super Void> emitter;
        Context context;
    }

    private final int slots;
    private final int perCaller;
    private final Duration wait;
    private final Object lock = new Object();
    private final ArrayDeque<Slot> waiters = new ArrayDeque<>();
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    private int inUse;

    /** How long reports waited for a slot: {@code outcome=granted}, or {@code busy} when the wait ran out (503). */
    private final Timer granted;
    private final Timer busy;
    /** Reports refused at once because their caller had too many in flight (429). */
    private final Counter refused;

    public ReportGate(StatsConfig config, MeterRegistry registry) {
        this.granted = waitTimer(registry, "granted");
        this.busy = waitTimer(registry, "busy");
        this.refused = Counter.builder("otklik.stats.report.refusals")
                .description("Reports refused because their caller already had the most in flight").register(registry);
        this.slots = config.maxConcurrentReports();
        this.perCaller = config.maxReportsPerCaller();
        this.wait = config.reportWait();
    }

    /** Runs the report once the caller is under its own bound and a slot is free. */
    public <T> Uni<T> run(Optional<RateLimitScope> caller, Supplier<Uni<T>> report) {
        return Uni.createFrom().<T>deferred(() -> {
            String key = caller.map(RateLimitScope::key).orElse(null);
            if (key != null && !enter(key)) {
                refused.increment();
                return Uni.createFrom().<T>failure(new RateLimitExceededException("You already have " + perCaller
                        + " reports running; wait for them to finish.", 1,
                        "\"" + CONCURRENCY_POLICY + "\";q=" + perCaller + ";qu=\"concurrency\"",
                        "\"" + CONCURRENCY_POLICY + "\";r=0;t=1"));
            }
            Slot slot = new Slot();
            long waitStarted = System.nanoTime();
            return acquire(slot)
                    .ifNoItem().after(wait).failWith(this::busy)
                    .onItemOrFailure().invoke((ignored, failure) ->
                            (failure == null ? granted : busy).record(Duration.ofNanos(System.nanoTime() - waitStarted)))
                    .chain(() -> report.get())
                    .onTermination().invoke(() -> {
                        if (slot.state.getAndSet(FINISHED) == GRANTED) {
                            release();
                        } else {
                            synchronized (lock) {
                                waiters.remove(slot);
                            }
                        }
                        if (key != null) {
                            inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
                        }
                    });
        });
    }

    private static Timer waitTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("otklik.stats.report.wait").description("Time a report waited for a slot of the report gate")
                .tag("outcome", outcome).serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
    }

    private boolean enter(String key) {
        boolean[] entered = { false };
        inFlight.compute(key, (k, n) -> {
            int running = n == null ? 0 : n;
            if (running >= perCaller) {
                return n;
            }
            entered[0] = true;
            return running + 1;
        });
        return entered[0];
    }

    private Uni<Void> acquire(Slot slot) {
        return Uni.createFrom().emitter(emitter -> {
            boolean free;
            synchronized (lock) {
                free = inUse < slots;
                if (free) {
                    inUse++;
                } else {
                    slot.emitter = emitter;
                    slot.context = Vertx.currentContext();
                    waiters.add(slot);
                }
            }
            if (free) {
                if (slot.state.compareAndSet(WAITING, GRANTED)) {
                    emitter.complete(null);
                } else {
                    release();
                }
            }
        });
    }

    /** Hands the slot to the longest waiter still waiting, or frees it. */
    private void release() {
        while (true) {
            Slot next;
            synchronized (lock) {
                next = waiters.poll();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            if (next.state.compareAndSet(WAITING, GRANTED)) {
                UniEmitter<? super Void> emitter = next.emitter;
                if (next.context == null) {
                    emitter.complete(null);
                } else {
                    next.context.runOnContext(ignored -> emitter.complete(null));
                }
                return;
            }
        }
    }

    private ReportsBusyException busy() {
        return new ReportsBusyException(Math.max(1, wait.toSeconds()));
    }
}
