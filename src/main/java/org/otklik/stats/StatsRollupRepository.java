package org.otklik.stats;

import static org.otklik.stats.StatsRepository.NOT_CASES;
import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.routing.CalendarConfig;
import org.otklik.stats.Rollup.Counter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rollups' SQL: what incidents (or deltas) contribute to each day's groups, reading and writing
 * {@code stats_rollup}, and the deadlines still ahead. Every method runs on the caller's connection, so
 * that the caller chooses the transaction.
 */
@ApplicationScoped
public class StatsRollupRepository {

    static final String ORG = "ORG";
    static final String CATEGORY = "CATEGORY";
    static final String DISTRICT = "DISTRICT";
    static final String CHANNEL = "CHANNEL";
    static final String STATUS = "STATUS";
    static final List<String> DIMENSIONS = List.of(ORG, CATEGORY, DISTRICT, CHANNEL, STATUS);

    private static final String SOURCE_COLUMNS = "created_at, status, organization_code, category_code, district_code, "
            + "channel, first_response_due, first_responded_at, resolution_due, answered_at, closed_at, reopen_count, "
            + "rating_accepted";
    // A support counts on the day it was given, under its incident's columns (V156)
    private static final String INCIDENTS = "select 1 as sign, false as supporter, " + SOURCE_COLUMNS
            + " from incident where created_at >= $1 and created_at < $2"
            + " union all select 1, true, s.created_at, i.status, i.organization_code, i.category_code, i.district_code,"
            + " i.channel, i.first_response_due, null, i.resolution_due, null, null, 0, null"
            + " from incident_supporter s join incident i on i.id = s.incident_id"
            + " where s.created_at >= $1 and s.created_at < $2";
    private static final String DELTAS = "select sign, supporter, " + SOURCE_COLUMNS
            + " from stats_delta where id between $1 and $2";
    // Every delta of the snapshot received in [$1, $2): the id bounds make it a range scan of the primary key
    // (a handful of rows between two folds) even when the table still holds dead rows the fold deleted.
    private static final String PENDING = "select sign, supporter, " + SOURCE_COLUMNS + " from stats_delta"
            + " where id between (select min(id) from stats_delta) and (select max(id) from stats_delta)"
            + " and created_at >= $1 and created_at < $2";

    private static final String COUNTERS = """
            with src as (%s),
            f as (
                select sign, (created_at at time zone $3::text)::date as day, organization_code, category_code,
                       coalesce(district_code, '') as district_code, channel,
                       case when not supporter then status end as status, supporter as is_support,
                       not supporter and status not in %s as is_case, status = any(incident_open_statuses()) as is_open,
                       first_response_due, first_responded_at, resolution_due, answered_at, closed_at, reopen_count,
                       rating_accepted
                from src
            )
            select day,
                   case when grouping(organization_code) = 0 then 'ORG' when grouping(category_code) = 0 then 'CATEGORY'
                        when grouping(district_code) = 0 then 'DISTRICT' when grouping(channel) = 0 then 'CHANNEL'
                        else 'STATUS' end as dimension,
                   coalesce(organization_code, category_code, district_code, channel, status) as code,
                   %s
            from f
            group by grouping sets ((day, organization_code), (day, category_code), (day, district_code), (day, channel),
                                    (day, status))
            having grouping(status) = 1 or status is not null
            """;

    // $1/$2 source bounds, $3 the last bucket, $4 zone, $5..$11 the calendar (StatsRepository.CALENDAR)
    private static final String HISTOGRAMS = "with " + StatsRepository.CALENDAR + """
            ,
            src as (%s offset 0),
            r as (
                select sign, organization_code, (created_at at time zone $4::text)::date as created_day,
                       status not in %s as is_case,
                       created_at at time zone $4::text as created_local,
                       first_responded_at at time zone $4::text as first_responded_local,
                       answered_at at time zone $4::text as answered_local
                from src
                where not supporter
                offset 0
            ),
            m as (
                select r.sign, r.created_day, r.organization_code, r.is_case,
                       %s - %s as fr,
                       %s - %s as ans
                from r
                left join cal c0 on c0.day = r.created_local::date
                left join cal c1 on c1.day = r.first_responded_local::date
                left join cal c2 on c2.day = r.answered_local::date
            )
            select created_day as day, organization_code, 'F' as measure, %s as bucket, sum(sign)::int as n
            from m where is_case and fr is not null group by 1, 2, 4
            union all
            select created_day, organization_code, 'A', %s, sum(sign)::int
            from m where is_case and ans is not null group by 1, 2, 4
            """;

    private static final String READ = "select grain, dimension, day, code, " + Counter.columns("") + """
            , fr_hist, ans_hist
            from stats_rollup
            where dimension = any($1::text[])
              and ((grain = 'M' and day between $2 and $3)
                   or (grain = 'D' and (day between $4 and $5 or day between $6 and $7)))
            """;

    private static final String UPSERT = "insert into stats_rollup (grain, dimension, day, code, " + Counter.columns("")
            + ", fr_hist, ans_hist) values ($1, $2, $3, $4, "
            + Arrays.stream(Counter.values()).map(c -> "$" + (c.ordinal() + 5)).collect(Collectors.joining(", "))
            + ", $" + (Counter.values().length + 5) + ", $" + (Counter.values().length + 6) + ")"
            + " on conflict (grain, dimension, day, code) do update set "
            + Arrays.stream(Counter.values()).map(c -> c.column() + " = stats_rollup." + c.column() + " + excluded." + c.column())
                    .collect(Collectors.joining(", "))
            + ", fr_hist = stats_hist_add(stats_rollup.fr_hist, excluded.fr_hist)"
            + ", ans_hist = stats_hist_add(stats_rollup.ans_hist, excluded.ans_hist)";

    // $1 now, $2 zone, $3/$4 the report's first and last day. No range of receipt in the index condition:
    // deadlines ahead belong to recent incidents only (receipt plus the longest deadline), so the set is small
    // whatever the report's range, and each branch is a range scan of its partial index (V150) in any plan,
    // generic ones included; the days outside the report are dropped before grouping.
    private static final String AHEAD = """
            select day, organization_code, category_code, sum(first_response) as first_response_ahead,
                   sum(resolution) as resolution_ahead
            from (select (created_at at time zone $2::text)::date as day, organization_code, category_code,
                         1 as first_response, 0 as resolution
                  from incident
                  where first_responded_at is null and status not in %1$s and first_response_due >= $1
                  union all
                  select (created_at at time zone $2::text)::date, organization_code, category_code, 0, 1
                  from incident
                  where status = any(incident_open_statuses()) and resolution_due >= $1) as ahead
            where day between $3 and $4
            group by 1, 2, 3
            """.formatted(NOT_CASES);

    private final CalendarConfig calendar;

    public StatsRollupRepository(CalendarConfig calendar) {
        this.calendar = calendar;
    }

    /** A group of a day: the dimension and the group's code ('' for incidents without one). */
    record DayKey(LocalDate day, String dimension, String code) {
    }

    /** A stored rollup row: a day's (grain D) or a month's (grain M, day is the first of the month). */
    record Stored(char grain, DayKey key, Rollup rollup) {
    }

    /** Open deadlines still ahead, by day of receipt, organisation and topic. */
    record Ahead(LocalDate day, String organizationCode, String categoryCode, long firstResponse, long resolution) {
    }

    /** What the incidents received in [start, end) contribute to their days' groups. */
    Uni<Map<DayKey, Rollup>> incidentContributions(SqlConnection connection, Instant start, Instant end,
            LocalDate calendarFrom, LocalDate calendarTo) {
        return contributions(connection, INCIDENTS, Tuple.of(utc(start), utc(end)), calendarFrom, calendarTo);
    }

    /** What the deltas of the snapshot received in [start, end) contribute: the changes not folded yet. */
    Uni<Map<DayKey, Rollup>> pendingContributions(SqlConnection connection, Instant start, Instant end,
            LocalDate calendarFrom, LocalDate calendarTo) {
        return contributions(connection, PENDING, Tuple.of(utc(start), utc(end)), calendarFrom, calendarTo);
    }

    /** What the deltas with ids from {@code firstId} to {@code lastId} contribute (removals with sign −1). */
    Uni<Map<DayKey, Rollup>> deltaContributions(SqlConnection connection, long firstId, long lastId,
            LocalDate calendarFrom, LocalDate calendarTo) {
        return contributions(connection, DELTAS, Tuple.of(firstId, lastId), calendarFrom, calendarTo);
    }

    private Uni<Map<DayKey, Rollup>> contributions(SqlConnection connection, String source, Tuple bounds,
            LocalDate calendarFrom, LocalDate calendarTo) {
        Map<DayKey, Rollup> result = new HashMap<>();
        String counters = COUNTERS.formatted(source, NOT_CASES, Arrays.stream(Counter.values())
                .map(c -> "coalesce(sum(sign) filter (where " + c.condition + "), 0) as " + c.column())
                .collect(Collectors.joining(",\n       ")));
        String histograms = HISTOGRAMS.formatted(source, NOT_CASES,
                StatsRepository.workingMinutesAt("c1", "r.first_responded_local"),
                StatsRepository.workingMinutesAt("c0", "r.created_local"),
                StatsRepository.workingMinutesAt("c2", "r.answered_local"),
                StatsRepository.workingMinutesAt("c0", "r.created_local"),
                LogHistogram.bucketSql("fr", "$3::int"), LogHistogram.bucketSql("ans", "$3::int"));
        Tuple counterParameters = Tuple.of(bounds.getValue(0), bounds.getValue(1), calendar.zone().getId());
        List<Object> histogramParameters = new ArrayList<>(
                List.of(bounds.getValue(0), bounds.getValue(1), LogHistogram.MAX_BUCKET));
        histogramParameters.addAll(StatsRepository.zoneAndCalendar(calendar, calendarFrom, calendarTo));
        return connection.preparedQuery(counters).execute(counterParameters)
                .invoke(rows -> rows.forEach(row -> {
                    Rollup rollup = result.computeIfAbsent(new DayKey(row.getLocalDate("day"), row.getString("dimension"),
                            row.getString("code")), k -> new Rollup());
                    for (Counter counter : Counter.values()) {
                        rollup.counts[counter.ordinal()] += row.getLong(counter.column());
                    }
                }))
                .chain(() -> connection.preparedQuery(histograms).execute(Tuple.from(histogramParameters)))
                .map(rows -> {
                    rows.forEach(row -> {
                        Rollup rollup = result.computeIfAbsent(new DayKey(row.getLocalDate("day"), ORG,
                                row.getString("organization_code")), k -> new Rollup());
                        int bucket = row.getInteger("bucket");
                        int count = row.getInteger("n");
                        if ("F".equals(row.getString("measure"))) {
                            rollup.firstResponseHistogram = LogHistogram.add(rollup.firstResponseHistogram, bucket, count);
                        } else {
                            rollup.answerHistogram = LogHistogram.add(rollup.answerHistogram, bucket, count);
                        }
                    });
                    return result;
                });
    }

    /**
     * Stored rows of the given dimensions: months from {@code monthFrom} to {@code monthTo} (first days), and days
     * in the two day ranges (an empty range has its start after its end).
     */
    Uni<List<Stored>> read(SqlConnection connection, List<String> dimensions, LocalDate monthFrom, LocalDate monthTo,
            LocalDate headFrom, LocalDate headTo, LocalDate tailFrom, LocalDate tailTo) {
        return connection.preparedQuery(READ)
                .execute(Tuple.from(List.of(dimensions.toArray(String[]::new), monthFrom, monthTo, headFrom, headTo,
                        tailFrom, tailTo)))
                .map(rows -> {
                    List<Stored> result = new ArrayList<>();
                    rows.forEach(row -> result.add(stored(row)));
                    return result;
                });
    }

    /** Adds the rollups to the stored rows of {@code grain} (inserting the rows that do not exist yet). */
    Uni<Void> add(SqlConnection connection, char grain, Map<DayKey, Rollup> rollups) {
        if (rollups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        rollups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(DayKey::day)
                        .thenComparing(DayKey::dimension).thenComparing(DayKey::code)))
                .forEach(entry -> {
                    Rollup rollup = entry.getValue();
                    List<Object> values = new ArrayList<>(List.of(String.valueOf(grain), entry.getKey().dimension(),
                            entry.getKey().day(), entry.getKey().code()));
                    for (long count : rollup.counts) {
                        values.add(count);
                    }
                    values.add(LogHistogram.stored(rollup.firstResponseHistogram));
                    values.add(LogHistogram.stored(rollup.answerHistogram));
                    batch.add(Tuple.from(values));
                });
        return connection.preparedQuery(UPSERT).executeBatch(batch).replaceWithVoid();
    }

    Uni<Void> deleteDays(SqlConnection connection, LocalDate from, LocalDate to) {
        return connection.preparedQuery("delete from stats_rollup where grain = 'D' and day between $1 and $2")
                .execute(Tuple.of(from, to)).replaceWithVoid();
    }

    Uni<Void> deleteMonth(SqlConnection connection, LocalDate firstDay) {
        return connection.preparedQuery("delete from stats_rollup where grain = 'M' and day = $1")
                .execute(Tuple.of(firstDay)).replaceWithVoid();
    }

    /** Deadlines still ahead at {@code now} of the incidents received from {@code from} to {@code to}. */
    Uni<List<Ahead>> ahead(SqlConnection connection, LocalDate from, LocalDate to, Instant now) {
        return connection.preparedQuery(AHEAD).execute(Tuple.of(utc(now), calendar.zone().getId(), from, to))
                .map(rows -> {
                    List<Ahead> result = new ArrayList<>();
                    rows.forEach(row -> result.add(new Ahead(row.getLocalDate("day"), row.getString("organization_code"),
                            row.getString("category_code"), row.getLong("first_response_ahead"),
                            row.getLong("resolution_ahead"))));
                    return result;
                });
    }

    private static Stored stored(Row row) {
        Rollup rollup = new Rollup();
        for (Counter counter : Counter.values()) {
            rollup.counts[counter.ordinal()] = row.getLong(counter.column());
        }
        rollup.firstResponseHistogram = LogHistogram.read(row.getArrayOfIntegers("fr_hist"));
        rollup.answerHistogram = LogHistogram.read(row.getArrayOfIntegers("ans_hist"));
        return new Stored(row.getString("grain").charAt(0),
                new DayKey(row.getLocalDate("day"), row.getString("dimension"), row.getString("code")), rollup);
    }
}
