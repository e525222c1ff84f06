package org.otklik.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Closes answers nobody contested within the configured days, each in a transaction of its own
 * with its outbox row. A session-level advisory lock lets one instance at a time do a round.
 */
@ApplicationScoped
public class AutoCloseJob {

    private static final Logger LOG = Logger.getLogger(AutoCloseJob.class);
    private static final long LOCK_KEY = 0x4f746b6c_0001L;
    private static final int BATCH = 500;

    private final WorkflowService workflow;
    private final WorkflowConfig config;
    private final Clock clock;

    public AutoCloseJob(WorkflowService workflow, WorkflowConfig config, Clock clock) {
        this.workflow = workflow;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${otklik.workflow.auto-close-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return closeUncontestedAnswers().replaceWithVoid();
    }

    /** @return how many incidents were closed; -1 when another instance is doing it */
    public Uni<Integer> closeUncontestedAnswers() {
        Instant answeredBefore = clock.instant().minus(Duration.ofDays(config.autoCloseAfterDays()));
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_lock(:key)", Boolean.class)
                .setParameter("key", LOCK_KEY)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(-1)
                        : session.createNativeQuery("select id from incident where status = 'ANSWERED'"
                                + " and answered_at < :before order by answered_at limit " + BATCH, Long.class)
                                .setParameter("before", answeredBefore.atOffset(ZoneOffset.UTC))
                                .getResultList()
                                .chain(ids -> closeEach(ids, answeredBefore))
                                .eventually(() -> session.createNativeQuery("select pg_advisory_unlock(:key)", Boolean.class)
                                        .setParameter("key", LOCK_KEY)
                                        .getSingleResult()))))
                .invoke(closed -> {
                    if (closed > 0) {
                        LOG.infof("Closed %d answered incidents nobody contested within %d days", closed,
                                config.autoCloseAfterDays());
                    }
                });
    }

    private Uni<Integer> closeEach(List<Long> ids, Instant answeredBefore) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> workflow.closeIfUncontested(id, answeredBefore))
                .collect().with(java.util.stream.Collectors.reducing(0, closed -> closed ? 1 : 0, Integer::sum));
    }
}
