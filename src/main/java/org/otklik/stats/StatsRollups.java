package org.otklik.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.otklik.common.database.AdvisoryLockRepository;
import org.otklik.common.jobs.ScheduledJobs;
import org.otklik.routing.CalendarConfig;
import org.otklik.stats.Rollup.Counter;
import org.otklik.stats.StatsRollupRepository.Ahead;
import org.otklik.stats.StatsRollupRepository.DayKey;
import org.otklik.stats.StatsRollupRepository.Stored;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps {@code stats_rollup} in step with the incidents and reads it for the reports.
 *
 * <ul>
 * <li>Fold (every {@code otklik.stats.fold-interval}): the deltas the incident triggers left are added to their
 * days' and months' rows and deleted, in one repeatable-read transaction under an advisory lock (one instance
 * at a time; another finds the lock taken and skips).</li>
 * <li>Rebuild: a range of days recomputed from the incidents, a month per transaction. It waits for the same
 * lock and locks {@code stats_delta} against writes, so no incident change commits meanwhile (an incident write
 * waits at its trigger until the month is done); the deltas of those days are dropped, since the incidents
 * already show them.</li>
 * <li>Nightly close: yesterday and the day before rebuilt from the incidents, once across instances.</li>
 * <li>Read: stored rows plus the deltas not folded yet plus the deadlines still ahead, in one snapshot.</li>
 * </ul>
 */
@ApplicationScoped
public class StatsRollups {

    private static final Logger LOG = Logger.getLogger(StatsRollups.class);
    static final String LOCK = "stats-rollup";
    private static final int MAX_BATCHES_PER_RUN = 50;
    private static final LocalDate NONE_FROM = LocalDate.of(2200, 1, 1);
    private static final LocalDate NONE_TO = LocalDate.of(1900, 1, 1);

    private final Pool pool;
    private final StatsRollupRepository repository;
    private final StatsDeltaRepository deltas;
    private final StatsConfig config;
    private final ScheduledJobs jobs;
    private final ZoneId zone;
    private final Clock clock;
    private volatile boolean stopping;

    public StatsRollups(Pool pool, StatsRollupRepository repository, StatsDeltaRepository deltas, StatsConfig config,
            ScheduledJobs jobs, CalendarConfig calendar, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.deltas = deltas;
        this.config = config;
        this.jobs = jobs;
        this.zone = calendar.zone();
        this.clock = clock;
    }

    /** A report's material: rows by day (or by month: the first day), and the deadlines still ahead. */
    record Snapshot(List<Stored> rows, List<Ahead> ahead) {
    }

    /** The rebuilt range and how many incidents it holds. */
    record Rebuilt(LocalDate from, LocalDate to, long incidents) {
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(identity = "stats-rollup-fold", every = "${otklik.stats.fold-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFold() {
        return unlessStopping(() -> fold().replaceWithVoid());
    }

    @Scheduled(identity = "stats-rollup-close", cron = "${otklik.stats.close-cron:0 20 0 * * ?}",
            timeZone = "${otklik.calendar.zone:Europe/Samara}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledClose() {
        return unlessStopping(() -> jobs.once("stats-rollup-close", Duration.ofHours(12), this::closeYesterday)
                .replaceWithVoid());
    }

    private Uni<Void> unlessStopping(Supplier<Uni<Void>> run) {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(run::get).onFailure(failure -> stopping).recoverWithItem(failure -> {
            LOG.debugf("Statistics job stopped by the shutdown: %s", failure);
            return null;
        });
    }

    /** Rebuilds yesterday and the day before from the incidents: idempotent, whoever runs it and how often. */
    public Uni<Rebuilt> closeYesterday() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return rebuild(today.minusDays(2), today.minusDays(1))
                .invoke(rebuilt -> LOG.infof("Statistics of %s to %s closed: %d incidents", rebuilt.from(), rebuilt.to(),
                        rebuilt.incidents()));
    }

    /** Folds the pending deltas (within the per-run bound); returns how many were folded. */
    public Uni<Long> fold() {
        return foldFrom(0, 0L);
    }

    private Uni<Long> foldFrom(int batch, long foldedSoFar) {
        return foldBatch().chain(folded -> {
            long total = foldedSoFar + folded;
            if (folded < config.foldBatchSize() || batch + 1 >= MAX_BATCHES_PER_RUN) {
                return Uni.createFrom().item(total);
            }
            return foldFrom(batch + 1, total);
        });
    }

    private Uni<Long> foldBatch() {
        return pool.withTransaction(connection -> deltas.repeatableRead(connection)
                .chain(() -> AdvisoryLockRepository.tryLock(connection, LOCK))
                .chain(locked -> !locked ? Uni.createFrom().item(0L)
                        : deltas.oldest(connection, config.foldBatchSize()).chain(batch -> foldRows(connection, batch))));
    }

    private Uni<Long> foldRows(SqlConnection connection, StatsDeltaRepository.Batch batch) {
        if (batch.deltas() == 0) {
            return Uni.createFrom().item(0L);
        }
        LocalDate firstDay = LocalDate.ofInstant(batch.firstCreated().toInstant(), zone);
        return repository.deltaContributions(connection, batch.firstId(), batch.lastId(), firstDay, calendarEnd())
                .chain(days -> repository.add(connection, 'D', days)
                        .chain(() -> repository.add(connection, 'M', byMonth(days))))
                .chain(() -> deltas.delete(connection, batch.firstId(), batch.lastId()))
                .replaceWith(batch.deltas());
    }

    /** Recomputes the days from {@code from} to {@code to} from the incidents, a month per transaction. */
    public Uni<Rebuilt> rebuild(LocalDate from, LocalDate to) {
        List<LocalDate[]> chunks = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = start.withDayOfMonth(1).plusMonths(1)) {
            LocalDate monthEnd = YearMonth.from(start).atEndOfMonth();
            chunks.add(new LocalDate[] { start, monthEnd.isAfter(to) ? to : monthEnd });
        }
        Uni<Long> total = Uni.createFrom().item(0L);
        for (LocalDate[] chunk : chunks) {
            total = total.chain(sum -> rebuildMonthPart(chunk[0], chunk[1]).map(count -> sum + count));
        }
        return total.map(incidents -> new Rebuilt(from, to, incidents));
    }

    private Uni<Long> rebuildMonthPart(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        LocalDate monthStart = from.withDayOfMonth(1);
        LocalDate monthEnd = YearMonth.from(from).atEndOfMonth();
        return pool.withTransaction(connection -> AdvisoryLockRepository.lock(connection, LOCK)
                .chain(() -> deltas.lockAgainstWrites(connection))
                .chain(() -> deltas.deleteCreated(connection, start, end))
                .chain(() -> repository.deleteDays(connection, from, to))
                .chain(() -> repository.incidentContributions(connection, start, end, from, calendarEnd()))
                .chain(days -> repository.add(connection, 'D', days).replaceWith(days))
                .chain(days -> repository.deleteMonth(connection, monthStart)
                        .chain(() -> repository.read(connection, StatsRollupRepository.DIMENSIONS, NONE_FROM, NONE_TO,
                                monthStart, monthEnd, NONE_FROM, NONE_TO))
                        .chain(stored -> {
                            Map<DayKey, Rollup> month = new HashMap<>();
                            stored.forEach(row -> month.computeIfAbsent(new DayKey(monthStart, row.key().dimension(),
                                    row.key().code()), k -> new Rollup()).add(row.rollup()));
                            return repository.add(connection, 'M', month);
                        })
                        .replaceWith(() -> days.entrySet().stream()
                                .filter(e -> StatsRollupRepository.ORG.equals(e.getKey().dimension()))
                                .mapToLong(e -> e.getValue().get(Counter.RECEIVED)).sum())));
    }

    /**
     * The rows of the days from {@code from} to {@code to}: whole months as months, other days as days, the
     * deltas not folded yet as days; and the deadlines still ahead at {@code now}.
     */
    Uni<Snapshot> read(LocalDate from, LocalDate to, Instant now, List<String> dimensions) {
        LocalDate monthFrom = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterMonths = to.equals(YearMonth.from(to).atEndOfMonth()) ? to.plusDays(1) : to.withDayOfMonth(1);
        boolean months = monthFrom.isBefore(afterMonths);
        LocalDate monthTo = months ? afterMonths.minusMonths(1) : NONE_TO;
        LocalDate headTo = months ? monthFrom.minusDays(1) : to;
        LocalDate tailFrom = months ? afterMonths : NONE_FROM;
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        // One snapshot; the queries are independent, so they go out together on the connection (pipelined) and
        // the report waits for the slowest instead of the sum of the round trips. Each reads a few thousand rows
        // at most: parallel workers would cost more to start than they save, on a busy machine most of all.
        return pool.withTransaction(connection -> Uni.combine().all().unis(
                deltas.readOnlySnapshot(connection),
                repository.read(connection, dimensions, months ? monthFrom : NONE_FROM, monthTo, from, headTo, tailFrom,
                        to),
                repository.pendingContributions(connection, start, end, from, calendarEnd()),
                repository.ahead(connection, from, to, now))
                .asTuple()
                .map(read -> {
                    List<Stored> rows = new ArrayList<>(read.getItem2());
                    read.getItem3().forEach((key, rollup) -> {
                        if (dimensions.contains(key.dimension())) {
                            rows.add(new Stored('D', key, rollup));
                        }
                    });
                    return new Snapshot(rows, read.getItem4());
                }));
    }

    private static Map<DayKey, Rollup> byMonth(Map<DayKey, Rollup> days) {
        Map<DayKey, Rollup> months = new HashMap<>();
        days.forEach((key, rollup) -> months.computeIfAbsent(new DayKey(key.day().withDayOfMonth(1), key.dimension(),
                key.code()), k -> new Rollup()).add(rollup));
        return months;
    }

    private LocalDate calendarEnd() {
        return LocalDate.ofInstant(clock.instant(), zone).plusDays(1);
    }
}
