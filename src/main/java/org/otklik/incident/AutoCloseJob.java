package org.otklik.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Closes answers nobody contested within the configured days. A transaction-scoped advisory lock
 * lets one instance at a time do it; the others skip that round.
 */
@ApplicationScoped
public class AutoCloseJob {

    private static final Logger LOG = Logger.getLogger(AutoCloseJob.class);
    private static final long LOCK_KEY = 0x4f746b6c_0001L;

    private final WorkflowConfig config;
    private final Clock clock;

    public AutoCloseJob(WorkflowConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${otklik.workflow.auto-close-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return closeUncontestedAnswers().replaceWithVoid();
    }

    /** @return how many incidents were closed; -1 when another instance holds the lock */
    public Uni<Integer> closeUncontestedAnswers() {
        Instant now = clock.instant();
        Instant answeredBefore = now.minus(Duration.ofDays(config.autoCloseAfterDays()));
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                .setParameter("key", LOCK_KEY)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(-1) : session.createNativeQuery("""
                        with closed as (
                            update incident set status = 'CLOSED', closed_at = :now, updated_at = :now, version = version + 1
                            where status = 'ANSWERED' and answered_at < :answeredBefore
                            returning id, organization_code)
                        insert into incident_event (incident_id, occurred_at, type, public, actor_role, status, organization_code)
                        select id, :now, 'CLOSED', true, 'system', 'CLOSED', organization_code from closed""")
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .setParameter("answeredBefore", answeredBefore.atOffset(ZoneOffset.UTC))
                        .executeUpdate())))
                .invoke(closed -> {
                    if (closed > 0) {
                        LOG.infof("Closed %d answered incidents nobody contested within %d days", closed,
                                config.autoCloseAfterDays());
                    }
                });
    }
}
