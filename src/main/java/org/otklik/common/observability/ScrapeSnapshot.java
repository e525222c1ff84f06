package org.otklik.common.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Figures that gauges read on a Prometheus scrape, computed by one query and kept for a short while: a
 * scrape never waits for the database and never starts a second query while one runs; a read after the
 * snapshot has aged past {@code maxAge} starts a refresh in the background and answers with the snapshot it
 * has (so a figure is at most one scrape interval plus {@code maxAge} old). Before the first query has
 * answered, {@link #current()} is {@code null}, which gauges turn into NaN.
 */
public final class ScrapeSnapshot<T> {

    private static final Logger LOG = Logger.getLogger(ScrapeSnapshot.class);

    private final String name;
    private final Supplier<Uni<T>> query;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile T value;
    private volatile Instant takenAt = Instant.MIN;

    public ScrapeSnapshot(String name, Supplier<Uni<T>> query, Duration maxAge, Clock clock) {
        this.name = name;
        this.query = query;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The latest snapshot (null before the first answer); starts a refresh when it is too old. */
    public T current() {
        if (takenAt.plus(maxAge).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            refresh().subscribe().with(ignored -> { }, failure -> { });
        }
        return value;
    }

    /** Queries now (one query at a time); tests and a first scrape may wait for it. */
    public Uni<T> refresh() {
        return Uni.createFrom().<T>deferred(query::get)
                .invoke(result -> {
                    value = result;
                    takenAt = clock.instant();
                })
                .onFailure().invoke(failure -> LOG.debugf("%s not refreshed: %s", name, failure.toString()))
                .onTermination().invoke(() -> refreshing.set(false));
    }
}
