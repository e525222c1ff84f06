package org.otklik.stats;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import org.otklik.stats.FiguresView.DeadlineView;
import org.otklik.stats.FiguresView.DurationView;
import org.otklik.stats.StatsFixture.Row;

/** The reports' figures computed from the fixture rows in Java, following the documented definitions. */
final class StatsExpectations {

    private StatsExpectations() {
    }

    static FiguresView figures(List<Row> rows, Instant now) {
        List<Row> cases = rows.stream().filter(Row::isCase).toList();
        long firstOnTime = count(cases, r -> r.firstRespondedAt() != null && !r.firstRespondedAt().isAfter(r.firstResponseDue()));
        long firstLate = count(cases, r -> r.firstRespondedAt() != null
                ? r.firstRespondedAt().isAfter(r.firstResponseDue())
                : r.firstResponseDue().isBefore(now));
        long resolvedOnTime = count(cases, r -> !r.isOpen() && resolved(r) != null && !resolved(r).isAfter(r.resolutionDue()));
        long resolvedLate = count(cases, r -> r.isOpen()
                ? r.resolutionDue().isBefore(now)
                : resolved(r) == null || resolved(r).isAfter(r.resolutionDue()));
        List<Double> firstMinutes = cases.stream().filter(r -> r.firstRespondedAt() != null)
                .map(r -> StatsFixture.workingMinutes(r.createdAt(), r.firstRespondedAt())).toList();
        List<Double> answerMinutes = cases.stream().filter(r -> r.answeredAt() != null)
                .map(r -> StatsFixture.workingMinutes(r.createdAt(), r.answeredAt())).toList();
        long answered = count(cases, r -> r.answeredAt() != null);
        long answeredOnce = count(cases, r -> r.answeredAt() != null || r.reopenCount() > 0);
        long reopened = count(cases, r -> r.reopenCount() > 0);
        long rated = count(cases, r -> r.ratingAccepted() != null);
        long accepted = count(cases, r -> Boolean.TRUE.equals(r.ratingAccepted()));
        return new FiguresView(rows.size(), cases.size(),
                new DeadlineView(firstOnTime, firstLate, cases.size() - firstOnTime - firstLate, rate(firstOnTime, firstOnTime + firstLate)),
                new DeadlineView(resolvedOnTime, resolvedLate, cases.size() - resolvedOnTime - resolvedLate,
                        rate(resolvedOnTime, resolvedOnTime + resolvedLate)),
                new DurationView(firstMinutes.size(), hours(StatsFixture.percentile(firstMinutes, 0.5)),
                        hours(StatsFixture.percentile(firstMinutes, 0.9))),
                new DurationView(answerMinutes.size(), hours(StatsFixture.percentile(answerMinutes, 0.5)),
                        hours(StatsFixture.percentile(answerMinutes, 0.9))),
                answered, reopened, rate(reopened, answeredOnce), rated, accepted, rate(accepted, rated));
    }

    static Instant resolved(Row row) {
        return row.answeredAt() != null ? row.answeredAt() : row.closedAt();
    }

    /** code → count, largest first, equal counts by code with no code last. */
    static List<Map.Entry<String, Long>> ranked(List<Row> rows, Function<Row, String> key) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(r -> counts.merge(key.apply(r), 1L, Long::sum));
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.<Map.Entry<String, Long>> comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey, Comparator.nullsLast(Comparator.naturalOrder())));
        return entries;
    }

    static List<Row> inMonth(List<Row> rows, YearMonth month) {
        return rows.stream().filter(r -> YearMonth.from(r.createdAt().atZone(StatsFixture.SAMARA)).equals(month)).toList();
    }

    static long count(List<Row> rows, Predicate<Row> predicate) {
        return rows.stream().filter(predicate).count();
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static Double hours(Double minutes) {
        return minutes == null ? null : Math.round(minutes / 60 * 100) / 100.0;
    }

    /** Close enough for figures rounded to two decimals on both sides. */
    static int closeDoubles(Double a, Double b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        return Math.abs(a - b) <= 0.0101 ? 0 : Double.compare(a, b);
    }

    /**
     * Durations come from log-bucket histograms: within 1 % of the exact value (LogHistogram), plus the rounding
     * of both sides to two decimals.
     */
    static int closeDurations(Double actual, Double exact) {
        if (Objects.equals(actual, exact)) {
            return 0;
        }
        if (actual == null || exact == null) {
            return actual == null ? -1 : 1;
        }
        return Math.abs(actual - exact) <= 0.01 * exact + 0.0101 ? 0 : Double.compare(actual, exact);
    }
}
