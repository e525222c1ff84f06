package org.otklik.media;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.common.jobs.ScheduledJobs;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deletes what may not be kept, once per interval across instances ({@link ScheduledJobs}): uploads that no
 * message took within {@code unattached-ttl} (and photos of deleted incidents), and the photos of incidents
 * finished longer ago than {@code retention}. Both go in batches until none is left.
 */
@ApplicationScoped
public class MediaJobs {

    private static final Logger LOG = Logger.getLogger(MediaJobs.class);
    private static final int BATCH = 200;

    private final MediaRepository media;
    private final MediaService service;
    private final MediaConfig config;
    private final ScheduledJobs jobs;
    private final Clock clock;

    public MediaJobs(MediaRepository media, MediaService service, MediaConfig config, ScheduledJobs jobs, Clock clock) {
        this.media = media;
        this.service = service;
        this.config = config;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(every = "${otklik.media.cleanup-interval:1h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return jobs.once("media-cleanup", DurationConverter.parseDuration(config.cleanupInterval()), () -> deleteUnattached().chain(this::deleteExpired))
                .replaceWithVoid();
    }

    /** @return how many uploads were deleted */
    public Uni<Integer> deleteUnattached() {
        Instant before = clock.instant().minus(config.unattachedTtl());
        return inBatches(limit -> media.detachedBefore(before, limit))
                .invoke(count -> log(count, "unattached uploads older than " + config.unattachedTtl()));
    }

    /** @return how many photos of long-finished incidents were deleted */
    public Uni<Integer> deleteExpired() {
        Instant before = clock.instant().atZone(ZoneOffset.UTC).minus(config.retention()).toInstant();
        return inBatches(limit -> media.finishedBefore(before, limit))
                .invoke(count -> log(count, "photos of incidents finished more than " + config.retention() + " ago"));
    }

    private Uni<Integer> inBatches(Function<Integer, Uni<List<UUID>>> next) {
        return next.apply(BATCH).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                : service.delete(ids).chain(deleted -> ids.size() < BATCH ? Uni.createFrom().item(deleted)
                        : inBatches(next).map(more -> deleted + more)));
    }

    private static void log(int count, String what) {
        if (count > 0) {
            LOG.infof("Deleted %d %s", count, what);
        }
    }
}
