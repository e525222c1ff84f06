package org.otklik.media;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ProblemException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * At most {@code otklik.media.max-concurrent-decodes} images are decoded at once per instance: each holds its
 * pixels (up to a few tens of MB) while it is re-encoded. The work runs on a worker thread, never on the event
 * loop; an upload waits up to {@code decode-wait} for a slot and is then refused with 503.
 */
@ApplicationScoped
public class DecodeSlots {

    private final Semaphore slots;
    private final MediaConfig config;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public DecodeSlots(MediaConfig config, MeterRegistry registry) {
        this.config = config;
        this.slots = new Semaphore(Math.max(1, config.maxConcurrentDecodes()), true);
        registry.gauge("otklik_media_decodes_in_flight", inUse);
    }

    /** Runs {@code work} on a worker thread once a slot is free. */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(() -> {
            boolean acquired;
            try {
                acquired = slots.tryAcquire(config.decodeWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acquired = false;
            }
            if (!acquired) {
                throw new ProblemException(MediaProblem.DECODERS_BUSY,
                        "Too many photos are being processed right now; send this one again in a few seconds.");
            }
            peak.accumulateAndGet(inUse.incrementAndGet(), Math::max);
            try {
                return work.get();
            } finally {
                inUse.decrementAndGet();
                slots.release();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The most images this instance has decoded at once (since start or the last {@link #resetPeak}). */
    public int peak() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(inUse.get());
    }
}
