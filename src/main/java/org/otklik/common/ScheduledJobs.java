package org.otklik.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Lets a scheduled job run once per interval across all instances, and never twice at a time.
 * Time is cut into slots of the job's interval (counted from the epoch, so every instance sees the
 * same slots); the instance that inserts the slot's row in {@code scheduled_job_run} runs the job,
 * the others skip it. The insert happens under a transaction-scoped advisory lock on the job's name
 * ({@link AdvisoryLocks}, scope {@code scheduled-job}), which also works through PgBouncer in
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

    private final Pool pool;
    private final Clock clock;

    public ScheduledJobs(Pool pool, Clock clock) {
        this.pool = pool;
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
                    .eventually(() -> pool.preparedQuery("update scheduled_job_run set finished_at = $3 where job = $1 and slot = $2")
                            .execute(Tuple.of(job, slot, utc(clock.instant())))
                            .onFailure().invoke(failure -> LOG.warnf("Job %s: the end of its run was not recorded: %s", job, failure))
                            .onFailure().recoverWithNull());
        });
    }

    private Uni<Boolean> claim(String job, OffsetDateTime slot, Instant now, Duration interval) {
        return pool.withTransaction(connection -> AdvisoryLocks.lock(connection, "scheduled-job", job)
                .chain(() -> connection.preparedQuery("""
                        insert into scheduled_job_run (job, slot, instance, started_at)
                        select $1::varchar, $2::timestamptz, $3::varchar, $4::timestamptz
                        where not exists (select 1 from scheduled_job_run
                                          where job = $1::varchar and finished_at is null and started_at > $5::timestamptz)
                        on conflict (job, slot) do nothing""")
                        .execute(Tuple.of(job, slot, INSTANCE, utc(now), utc(now.minus(interval.multipliedBy(3))))))
                .call(() -> connection.preparedQuery("delete from scheduled_job_run where job = $1 and slot < $2")
                        .execute(Tuple.of(job, utc(now.minus(KEEP_RUNS)))))
                .map(rows -> rows.rowCount() == 1))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Job %s skipped: its slot could not be claimed: %s", job, failure.toString());
                    return false;
                });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
