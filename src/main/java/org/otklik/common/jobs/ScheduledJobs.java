package org.otklik.common.jobs;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Lets a scheduled job run once per interval across all instances, and never twice at a time.
 * Time is cut into slots of the job's interval (counted from the epoch, so every instance sees the
 * same slots); the instance that inserts the slot's row in {@code scheduled_job_run} runs the job,
 * the others skip it. The insert happens under a transaction-scoped advisory lock on the job's name
 * ({@link AdvisoryLockRepository}, scope {@code scheduled-job}), which also works through PgBouncer in
 * transaction mode, where a session-level lock could be taken on one server connection and released
 * on another. While a run is unfinished no new one starts; a run unfinished after three intervals is
 * taken for dead (its instance stopped) and no longer blocks.
 */
@ApplicationScoped
public class ScheduledJobs {

    private static final Logger LOG = Logger.getLogger(ScheduledJobs.class);
    private static final Duration KEEP_RUNS = Duration.ofDays(7);
    private static final String INSTANCE = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local") + ":"
            + ProcessHandle.current().pid();

    private final ScheduledJobRunRepository runs;
    private final Clock clock;

    public ScheduledJobs(ScheduledJobRunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Runs {@code work} if this instance wins the current slot of {@code job}; empty when another did. */
    public <T> Uni<Optional<T>> once(String job, Duration interval, Supplier<Uni<T>> work) {
        Instant now = clock.instant();
        long slotMillis = Math.max(1, interval.toMillis());
        OffsetDateTime slot = utc(Instant.ofEpochMilli(now.toEpochMilli() / slotMillis * slotMillis));
        return claim(job, slot, now, interval).chain(won -> {
            if (!won) {
                return Uni.createFrom().item(Optional.<T>empty());
            }
            return work.get().map(Optional::ofNullable)
                    .eventually(() -> runs.finish(job, slot, utc(clock.instant()))
                            .onFailure().invoke(failure -> LOG.warnf("Job %s: the end of its run was not recorded: %s", job, failure))
                            .onFailure().recoverWithNull());
        });
    }

    private Uni<Boolean> claim(String job, OffsetDateTime slot, Instant now, Duration interval) {
        return runs.claim(job, slot, INSTANCE, utc(now), utc(now.minus(interval.multipliedBy(3))), utc(now.minus(KEEP_RUNS)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Job %s skipped: its slot could not be claimed: %s", job, failure.toString());
                    return false;
                });
    }

}
