package org.otklik.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.SmallGroups;
import org.otklik.routing.CalendarConfig;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.routing.ReferenceSnapshot;
import org.otklik.stats.FiguresView.DeadlineView;
import org.otklik.stats.FiguresView.DurationView;
import org.otklik.stats.MonthlyView.MonthView;
import org.otklik.stats.PublicStatsView.PublicGroupsView;
import org.otklik.stats.StatsRepository.CountRow;
import org.otklik.stats.StatsRepository.Dimension;
import org.otklik.stats.StatsRepository.FiguresRow;
import org.otklik.stats.StatsRepository.MonthCategoryRow;
import org.otklik.stats.StatsRepository.SupportRow;

import io.smallrye.mutiny.Uni;

/** Read-only reports over the incidents; the repository aggregates, this class names and ranks. */
@ApplicationScoped
public class StatsService {

    static final int MONTHLY_TOP = 5;

    private final StatsRepository repository;
    private final StatsRollups rollups;
    private final ReferenceCatalog catalog;
    private final StatsConfig config;
    private final ZoneId zone;
    private final Clock clock;

    public StatsService(StatsRepository repository, StatsRollups rollups, ReferenceCatalog catalog, StatsConfig config,
            CalendarConfig calendar, Clock clock) {
        this.repository = repository;
        this.rollups = rollups;
        this.catalog = catalog;
        this.config = config;
        this.zone = calendar.zone();
        this.clock = clock;
    }

    /** The figures of the incidents received in {@code period}, ranking {@code top} topics. */
    public Uni<SummaryView> summary(StatsPeriod period, int top) {
        Instant now = clock.instant();
        return catalog.current()
                .chain(reference -> rollups.read(period.from(), period.to(), now, StatsRollupRepository.DIMENSIONS)
                        .map(snapshot -> summaryView(period, now, top, reference, RollupFigures.figures(snapshot),
                                RollupFigures.breakdown(snapshot), RollupFigures.supporters(snapshot))));
    }

    public Uni<MonthlyView> monthly(int year) {
        return ofYear(year, this::monthlyView).chain(view -> {
            Instant start = LocalDate.of(view.year(), 1, 1).atStartOfDay(zone).toInstant();
            Instant end = LocalDate.of(view.year() + 1, 1, 1).atStartOfDay(zone).toInstant();
            return repository.linkedToNoticesByMonth(start, end).map(view::withNoticeLinks);
        });
    }

    public Uni<MonthlyChart> monthlyChart(int year) {
        return ofYear(year, this::chart);
    }

    private <T> Uni<T> ofYear(int year, YearReport<T> report) {
        Instant now = clock.instant();
        return catalog.current()
                .chain(reference -> rollups.read(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), now,
                        List.of(StatsRollupRepository.CATEGORY))
                        .map(snapshot -> report.build(year, reference, RollupFigures.monthsByCategory(snapshot))));
    }

    @FunctionalInterface
    private interface YearReport<T> {
        T build(int year, ReferenceSnapshot reference, List<MonthCategoryRow> rows);
    }

    public Uni<PublicStatsView> publicMonth(YearMonth chosen) {
        Instant now = clock.instant();
        return catalog.current()
                .chain(reference -> rollups.read(chosen.atDay(1), chosen.atEndOfMonth(), now,
                        List.of(StatsRollupRepository.CATEGORY, StatsRollupRepository.DISTRICT, StatsRollupRepository.CHANNEL))
                        .map(snapshot -> publicView(chosen, reference, RollupFigures.monthsByCategory(snapshot),
                                RollupFigures.breakdown(snapshot))));
    }

    /** Whether open data of this month may still change (it has not ended). */
    public boolean isCurrentMonth(YearMonth month) {
        YearMonth current = YearMonth.from(clock.instant().atZone(zone));
        return !month.isBefore(current);
    }

    private SummaryView summaryView(StatsPeriod period, Instant now, int top, ReferenceSnapshot reference,
            List<FiguresRow> figures, List<CountRow> counts, List<SupportRow> supports) {
        FiguresView total = figures.stream().filter(FiguresRow::total).findFirst()
                .map(StatsService::figuresView)
                .orElseGet(() -> figuresView(emptyFigures()));
        long received = total.received();
        Map<Dimension, Map<String, Long>> byDimension = byDimension(counts);
        List<CountView> topics = ranked(topLevel(reference, byDimension.getOrDefault(Dimension.CATEGORY, Map.of())),
                received, code -> categoryName(reference, code));
        List<OrganizationFiguresView> organizations = figures.stream()
                .filter(row -> !row.total())
                .sorted(Comparator.comparingLong(FiguresRow::received).reversed()
                        .thenComparing(FiguresRow::organizationCode))
                .map(row -> new OrganizationFiguresView(row.organizationCode(),
                        reference.organization(row.organizationCode()).map(o -> o.nameRu).orElse(row.organizationCode()),
                        figuresView(row)))
                .toList();
        return new SummaryView(period.from(), period.to(), zone.getId(), OffsetDateTime.ofInstant(now, zone), total,
                ranked(byDimension.getOrDefault(Dimension.STATUS, Map.of()), received, StatsLabels::status),
                ranked(byDimension.getOrDefault(Dimension.CHANNEL, Map.of()), received, StatsLabels::channel),
                ranked(byDimension.getOrDefault(Dimension.DISTRICT, Map.of()), received,
                        code -> reference.district(code).map(d -> d.nameRu).orElse(StatsLabels.districtName(code))),
                topics,
                ranked(byDimension.getOrDefault(Dimension.CATEGORY, Map.of()), received,
                        code -> categoryName(reference, code)),
                topics.subList(0, Math.min(top, topics.size())),
                organizations, supportersView(reference, supports));
    }

    private static SupportersView supportersView(ReferenceSnapshot reference, List<SupportRow> supports) {
        Map<String, Map<String, Long>> byDimension = new HashMap<>();
        supports.forEach(row -> byDimension.computeIfAbsent(row.dimension(), k -> new LinkedHashMap<>())
                .put(row.code(), row.supporters()));
        long total = byDimension.getOrDefault(StatsRollupRepository.ORG, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
        return new SupportersView(total,
                ranked(byDimension.getOrDefault(StatsRollupRepository.ORG, Map.of()), total,
                        code -> reference.organization(code).map(o -> o.nameRu).orElse(code)),
                ranked(byDimension.getOrDefault(StatsRollupRepository.DISTRICT, Map.of()), total,
                        code -> reference.district(code).map(d -> d.nameRu).orElse(StatsLabels.districtName(code))),
                ranked(topLevel(reference, byDimension.getOrDefault(StatsRollupRepository.CATEGORY, Map.of())), total,
                        code -> categoryName(reference, code)),
                ranked(byDimension.getOrDefault(StatsRollupRepository.CHANNEL, Map.of()), total, StatsLabels::channel));
    }

    private MonthlyView monthlyView(int year, ReferenceSnapshot reference, List<MonthCategoryRow> rows) {
        Map<Integer, List<MonthCategoryRow>> byMonth = new HashMap<>();
        rows.forEach(row -> byMonth.computeIfAbsent(row.month(), k -> new ArrayList<>()).add(row));
        List<MonthView> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            months.add(monthView(YearMonth.of(year, month), reference, byMonth.getOrDefault(month, List.of())));
        }
        long received = rows.stream().mapToLong(MonthCategoryRow::received).sum();
        List<CountView> topics = ranked(topLevel(reference, categoryCounts(rows)), received,
                code -> categoryName(reference, code));
        return new MonthlyView(year, zone.getId(), months, topics.subList(0, Math.min(MONTHLY_TOP, topics.size())));
    }

    /** Each month's incidents split into the year's top topics and the rest. */
    private MonthlyChart chart(int year, ReferenceSnapshot reference, List<MonthCategoryRow> rows) {
        long received = rows.stream().mapToLong(MonthCategoryRow::received).sum();
        List<CountView> topics = ranked(topLevel(reference, categoryCounts(rows)), received,
                code -> categoryName(reference, code));
        List<CountView> top = topics.subList(0, Math.min(MONTHLY_TOP, topics.size()));
        List<String> codes = top.stream().map(CountView::code).toList();
        long[][] counts = new long[12][codes.size() + 1];
        for (MonthCategoryRow row : rows) {
            int series = codes.indexOf(reference.topLevelOf(row.categoryCode()));
            counts[row.month() - 1][series < 0 ? codes.size() : series] += row.received();
        }
        List<String> series = new ArrayList<>(top.stream().map(CountView::name).toList());
        series.add("Другие темы");
        List<List<Long>> months = new ArrayList<>();
        for (long[] month : counts) {
            months.add(Arrays.stream(month).boxed().toList());
        }
        return new MonthlyChart(year, series, months);
    }

    private MonthView monthView(YearMonth month, ReferenceSnapshot reference, List<MonthCategoryRow> rows) {
        long received = rows.stream().mapToLong(MonthCategoryRow::received).sum();
        long answered = rows.stream().mapToLong(MonthCategoryRow::answered).sum();
        long onTime = rows.stream().mapToLong(MonthCategoryRow::resolutionOnTime).sum();
        long late = rows.stream().mapToLong(MonthCategoryRow::resolutionLate).sum();
        List<CountView> topics = ranked(topLevel(reference, categoryCounts(rows)), received,
                code -> categoryName(reference, code));
        return new MonthView(month.toString(), received, answered, onTime, late, ratio(onTime, onTime + late),
                topics.subList(0, Math.min(MONTHLY_TOP, topics.size())), 0);
    }

    private PublicStatsView publicView(YearMonth month, ReferenceSnapshot reference, List<MonthCategoryRow> months,
            List<CountRow> counts) {
        int min = config.publicMinGroupSize();
        long received = months.stream().mapToLong(MonthCategoryRow::received).sum();
        long answered = months.stream().mapToLong(MonthCategoryRow::answered).sum();
        long onTime = months.stream().mapToLong(MonthCategoryRow::resolutionOnTime).sum();
        long judged = onTime + months.stream().mapToLong(MonthCategoryRow::resolutionLate).sum();
        Map<Dimension, Map<String, Long>> byDimension = byDimension(counts);
        List<CountView> topics = ranked(topLevel(reference, categoryCounts(months)), received,
                code -> categoryName(reference, code));
        List<CountView> districts = ranked(byDimension.getOrDefault(Dimension.DISTRICT, Map.of()), received,
                code -> reference.district(code).map(d -> d.nameRu).orElse(StatsLabels.districtName(code)));
        List<CountView> channels = ranked(byDimension.getOrDefault(Dimension.CHANNEL, Map.of()), received,
                StatsLabels::channel);
        return new PublicStatsView(month.toString(), zone.getId(), min, received, answered,
                judged < min ? null : ratio(onTime, judged),
                suppressed(topics, min), suppressed(districts, min), suppressed(channels, min));
    }

    /** The ranked groups (largest first) with the small ones hidden: see {@link SmallGroups}. */
    static PublicGroupsView suppressed(List<CountView> groups, int min) {
        SmallGroups.Shown<CountView> shown = SmallGroups.hide(groups, CountView::count, min);
        return new PublicGroupsView(shown.groups(), shown.hiddenGroups(), shown.hiddenSize());
    }

    private static Map<Dimension, Map<String, Long>> byDimension(List<CountRow> counts) {
        Map<Dimension, Map<String, Long>> byDimension = new EnumMap<>(Dimension.class);
        for (CountRow row : counts) {
            byDimension.computeIfAbsent(row.dimension(), k -> new LinkedHashMap<>()).put(row.code(), row.count());
        }
        return byDimension;
    }

    private static Map<String, Long> categoryCounts(List<MonthCategoryRow> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.merge(row.categoryCode(), row.received(), Long::sum));
        return counts;
    }

    private static Map<String, Long> topLevel(ReferenceSnapshot reference, Map<String, Long> byCategory) {
        Map<String, Long> counts = new LinkedHashMap<>();
        byCategory.forEach((code, count) -> counts.merge(reference.topLevelOf(code), count, Long::sum));
        return counts;
    }

    private static String categoryName(ReferenceSnapshot reference, String code) {
        return reference.category(code).map(c -> c.nameRu).orElse(code);
    }

    /** Groups by count, largest first; equal counts by code, with the group without a code last. */
    private static List<CountView> ranked(Map<String, Long> counts, long received, Function<String, String> name) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed()
                        .thenComparing(Map.Entry::getKey, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(e -> new CountView(e.getKey(), name.apply(e.getKey()), e.getValue(),
                        received == 0 ? 0 : round(e.getValue() / (double) received, 4)))
                .toList();
    }

    static FiguresView figuresView(FiguresRow row) {
        return new FiguresView(row.received(), row.cases(),
                deadline(row.firstResponseOnTime(), row.firstResponseLate(), row.cases()),
                deadline(row.resolutionOnTime(), row.resolutionLate(), row.cases()),
                duration(row.firstResponseCount(), row.firstResponseMedianMinutes(), row.firstResponseP90Minutes()),
                duration(row.answerCount(), row.answerMedianMinutes(), row.answerP90Minutes()),
                row.answered(), row.reopened(), ratio(row.reopened(), row.answeredOnce()),
                row.rated(), row.accepted(), ratio(row.accepted(), row.rated()));
    }

    private static FiguresRow emptyFigures() {
        return new FiguresRow(true, null, 0, 0, 0, 0, 0, 0, 0, null, null, 0, null, null, 0, 0, 0, 0, 0);
    }

    private static DeadlineView deadline(long onTime, long late, long cases) {
        return new DeadlineView(onTime, late, cases - onTime - late, ratio(onTime, onTime + late));
    }

    private static DurationView duration(long count, Double medianMinutes, Double p90Minutes) {
        return new DurationView(count, hours(medianMinutes), hours(p90Minutes));
    }

    private static Double hours(Double minutes) {
        return minutes == null ? null : round(minutes / 60, 2);
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : round(part / (double) whole, 4);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
