package org.otklik.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.common.jobs.ScheduledJobs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Closes answers nobody contested within the configured days, each in a transaction of its own
 * with its outbox row. Scheduled rounds run on one instance per interval ({@link ScheduledJobs});
 * two rounds at once would still close each incident once, since the close re-checks its state.
 */
@ApplicationScoped
public class AutoCloseJob {

    private static final Logger LOG = Logger.getLogger(AutoCloseJob.class);
    private static final int BATCH = 500;

    private final IncidentRepository incidents;
    private final WorkflowService workflow;
    private final WorkflowConfig config;
    private final ScheduledJobs jobs;
    private final Clock clock;

    public AutoCloseJob(IncidentRepository incidents, WorkflowService workflow, WorkflowConfig config, ScheduledJobs jobs, Clock clock) {
        this.incidents = incidents;
        this.workflow = workflow;
        this.config = config;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(every = "${otklik.workflow.auto-close-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return jobs.once("auto-close", config.autoCloseInterval(), this::closeUncontestedAnswers).replaceWithVoid();
    }

    /** @return how many incidents were closed */
    public Uni<Integer> closeUncontestedAnswers() {
        Instant answeredBefore = clock.instant().minus(Duration.ofDays(config.autoCloseAfterDays()));
        return Panache.withSession(() -> incidents.answeredBefore(answeredBefore, BATCH)
                .chain(ids -> closeEach(ids, answeredBefore)))
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
