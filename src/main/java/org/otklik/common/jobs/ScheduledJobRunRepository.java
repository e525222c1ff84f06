package org.otklik.common.jobs;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.database.AdvisoryLockRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The runs of the scheduled jobs ({@code scheduled_job_run}), one row per job and slot; see {@link ScheduledJobs}. */
@ApplicationScoped
public class ScheduledJobRunRepository {

    private final Pool pool;

    public ScheduledJobRunRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the slot's run under the job's advisory lock unless the slot is taken or a run started after
     * {@code staleBefore} is unfinished, and forgets the job's runs of slots before {@code keepFrom}.
     * @return whether this instance won the slot
     */
    Uni<Boolean> claim(String job, OffsetDateTime slot, String instance, OffsetDateTime now, OffsetDateTime staleBefore,
            OffsetDateTime keepFrom) {
        return pool.withTransaction(connection -> AdvisoryLockRepository.lock(connection, "scheduled-job", job)
                .chain(() -> connection.preparedQuery("""
                        insert into scheduled_job_run (job, slot, instance, started_at)
                        select $1::varchar, $2::timestamptz, $3::varchar, $4::timestamptz
                        where not exists (select 1 from scheduled_job_run
                                          where job = $1::varchar and finished_at is null and started_at > $5::timestamptz)
                        on conflict (job, slot) do nothing""")
                        .execute(Tuple.of(job, slot, instance, now, staleBefore)))
                .call(() -> connection.preparedQuery("delete from scheduled_job_run where job = $1 and slot < $2")
                        .execute(Tuple.of(job, keepFrom)))
                .map(rows -> rows.rowCount() == 1));
    }

    Uni<Void> finish(String job, OffsetDateTime slot, OffsetDateTime at) {
        return pool.preparedQuery("update scheduled_job_run set finished_at = $3 where job = $1 and slot = $2")
                .execute(Tuple.of(job, slot, at)).replaceWithVoid();
    }
}
