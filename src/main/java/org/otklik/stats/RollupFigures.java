package org.otklik.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.otklik.stats.Rollup.Counter;
import org.otklik.stats.StatsRepository.CountRow;
import org.otklik.stats.StatsRepository.Dimension;
import org.otklik.stats.StatsRepository.FiguresRow;
import org.otklik.stats.StatsRepository.MonthCategoryRow;
import org.otklik.stats.StatsRepository.SupportRow;
import org.otklik.stats.StatsRollupRepository.Ahead;
import org.otklik.stats.StatsRollupRepository.Stored;
import org.otklik.stats.StatsRollups.Snapshot;

/**
 * The reports' rows from rollups, the same rows the scan over the incidents gives ({@link StatsRepository}):
 * groups summed over the days, late counts completed with the pending ones whose deadline has passed, and
 * percentiles from the histograms. Groups whose incidents all moved away (received 0) are left out, as a scan
 * finds none.
 */
final class RollupFigures {

    private static final Map<String, Dimension> BREAKDOWN = Map.of(StatsRollupRepository.STATUS, Dimension.STATUS,
            StatsRollupRepository.CHANNEL, Dimension.CHANNEL, StatsRollupRepository.DISTRICT, Dimension.DISTRICT,
            StatsRollupRepository.CATEGORY, Dimension.CATEGORY);

    private RollupFigures() {
    }

    /** One row for all incidents, then one per responsible organisation. */
    static List<FiguresRow> figures(Snapshot snapshot) {
        Map<String, Rollup> organizations = new LinkedHashMap<>();
        for (Stored row : snapshot.rows()) {
            if (StatsRollupRepository.ORG.equals(row.key().dimension())) {
                organizations.computeIfAbsent(row.key().code(), k -> new Rollup()).add(row.rollup());
            }
        }
        Map<String, long[]> ahead = new HashMap<>();
        long[] totalAhead = new long[2];
        for (Ahead row : snapshot.ahead()) {
            long[] sums = ahead.computeIfAbsent(row.organizationCode(), k -> new long[2]);
            sums[0] += row.firstResponse();
            sums[1] += row.resolution();
            totalAhead[0] += row.firstResponse();
            totalAhead[1] += row.resolution();
        }
        Rollup total = new Rollup();
        List<FiguresRow> result = new ArrayList<>();
        organizations.forEach((code, rollup) -> {
            total.add(rollup);
            if (rollup.get(Counter.RECEIVED) != 0) {
                result.add(figuresRow(false, code, rollup, ahead.getOrDefault(code, new long[2])));
            }
        });
        result.add(0, figuresRow(true, null, total, totalAhead));
        return result;
    }

    /** Received incidents by status, channel, district and topic. */
    static List<CountRow> breakdown(Snapshot snapshot) {
        return summedByGroup(snapshot, row -> BREAKDOWN.get(row.key().dimension()), Counter.RECEIVED, CountRow::new);
    }

    /** Supports given in the snapshot's days by organisation, topic, district and channel. */
    static List<SupportRow> supporters(Snapshot snapshot) {
        return summedByGroup(snapshot,
                row -> StatsRollupRepository.STATUS.equals(row.key().dimension()) ? null : row.key().dimension(),
                Counter.SUPPORTERS, SupportRow::new);
    }

    private interface GroupRow<D, R> {
        R of(D dimension, String code, long count);
    }

    /** One counter summed per dimension and code over the rows whose dimension is not null; zero sums left out. */
    private static <D, R> List<R> summedByGroup(Snapshot snapshot, Function<Stored, D> dimensionOf, Counter counter,
            GroupRow<D, R> rowOf) {
        Map<D, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Stored row : snapshot.rows()) {
            D dimension = dimensionOf.apply(row);
            if (dimension != null) {
                counts.computeIfAbsent(dimension, k -> new LinkedHashMap<>())
                        .merge(row.key().code(), row.rollup().get(counter), Long::sum);
            }
        }
        List<R> result = new ArrayList<>();
        counts.forEach((dimension, byCode) -> byCode.forEach((code, count) -> {
            if (count != 0) {
                result.add(rowOf.of(dimension, code.isEmpty() ? null : code, count));
            }
        }));
        return result;
    }

    /** Received incidents by month (1–12) and topic; the snapshot covers one year at most. */
    static List<MonthCategoryRow> monthsByCategory(Snapshot snapshot) {
        Map<String, Rollup> groups = new LinkedHashMap<>();
        for (Stored row : snapshot.rows()) {
            if (StatsRollupRepository.CATEGORY.equals(row.key().dimension())) {
                groups.computeIfAbsent(row.key().day().getMonthValue() + " " + row.key().code(), k -> new Rollup())
                        .add(row.rollup());
            }
        }
        Map<String, Long> resolutionAhead = new HashMap<>();
        snapshot.ahead().forEach(row -> resolutionAhead.merge(row.day().getMonthValue() + " " + row.categoryCode(), row.resolution(),
                Long::sum));
        List<MonthCategoryRow> result = new ArrayList<>();
        groups.forEach((key, rollup) -> {
            if (rollup.get(Counter.RECEIVED) != 0) {
                int space = key.indexOf(' ');
                result.add(new MonthCategoryRow(Integer.parseInt(key.substring(0, space)), key.substring(space + 1),
                        rollup.get(Counter.RECEIVED), rollup.get(Counter.ANSWERED), rollup.get(Counter.RES_ON_TIME),
                        rollup.get(Counter.RES_LATE) + rollup.get(Counter.RES_PENDING)
                                - resolutionAhead.getOrDefault(key, 0L)));
            }
        });
        return result;
    }

    private static FiguresRow figuresRow(boolean total, String code, Rollup rollup, long[] ahead) {
        int[] first = rollup.firstResponseHistogram;
        int[] answer = rollup.answerHistogram;
        return new FiguresRow(total, code, rollup.get(Counter.RECEIVED), rollup.get(Counter.CASES),
                rollup.get(Counter.FR_ON_TIME), rollup.get(Counter.FR_LATE) + rollup.get(Counter.FR_PENDING) - ahead[0],
                rollup.get(Counter.RES_ON_TIME), rollup.get(Counter.RES_LATE) + rollup.get(Counter.RES_PENDING) - ahead[1],
                LogHistogram.total(first), LogHistogram.percentile(first, 0.5), LogHistogram.percentile(first, 0.9),
                LogHistogram.total(answer), LogHistogram.percentile(answer, 0.5), LogHistogram.percentile(answer, 0.9),
                rollup.get(Counter.ANSWERED), rollup.get(Counter.ANSWERED_ONCE), rollup.get(Counter.REOPENED),
                rollup.get(Counter.RATED), rollup.get(Counter.ACCEPTED));
    }
}
