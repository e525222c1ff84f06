package org.otklik.stats;

import static org.otklik.common.database.SqlTimestamps.utc;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.routing.CalendarConfig;
import org.otklik.routing.Overdue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Aggregates over the incidents received in a period, computed by PostgreSQL: a query returns one
 * row per group, never incidents. The reports read rollups ({@link StatsRollups}); these scans stay as the
 * definition of every figure, the rollups' test oracle, and for the notice links (few incidents).
 *
 * <p>Durations in working time use a calendar built inside the query from the configured working days and
 * holidays (passed as arrays): one row per day from the start of the period to today, carrying the working
 * minutes of all days before it. The working minutes between two instants are then the difference of two
 * lookups (calendar day's cumulative minutes plus the clamped time of day), so each incident costs three hash
 * probes whatever the length of the interval, and the calendar stays a few thousand rows.
 */
@ApplicationScoped
public class StatsRepository {

    private static final String OPEN_STATUSES = "(select unnest(incident_open_statuses()))";
    static final String NOT_CASES = "('REJECTED', 'DUPLICATE')";

    // $1 period start, $2 period end (exclusive), $3 now, $4 zone, $5 workday start, $6 workday end,
    // $7 working ISO weekdays, $8 holidays, $9 transferred working days, $10/$11 first/last calendar day
    static final String CALENDAR = """
            cal as (
                select day, working,
                       coalesce(sum(case when working then date_part('epoch', $6::time - $5::time) / 60 end)
                                over (order by day rows between unbounded preceding and 1 preceding), 0) as minutes_before
                from (select $10::date + n as day,
                             ($10::date + n = any($9::date[])
                              or (extract(isodow from $10::date + n)::int = any($7::int[])
                                  and not $10::date + n = any($8::date[]))) as working
                      from generate_series(0, $11::date - $10::date) as n) as days
            )""";

    private static final String RESOLUTION_ON_TIME = "is_case and not is_open and coalesce(answered_at, closed_at) <= resolution_due";
    private static final String RESOLUTION_LATE = "is_case and ((is_open and " + Overdue.pastResolutionDueSqlAt("$3") + ")"
            + " or (not is_open and coalesce(answered_at, closed_at, 'infinity') > resolution_due))";

    // "offset 0" keeps the local times a subquery of their own, so that each is computed once per incident
    private static final String FIGURES = "with " + CALENDAR + """
            ,
            received as (
                select i.organization_code, i.first_responded_at, i.first_response_due, i.answered_at, i.closed_at,
                       i.resolution_due, i.reopen_count, i.rating_accepted,
                       i.status not in %s as is_case,
                       i.status in %s as is_open,
                       i.created_at at time zone $4::text as created_local,
                       i.first_responded_at at time zone $4::text as first_responded_local,
                       i.answered_at at time zone $4::text as answered_local
                from incident i
                where i.created_at >= $1 and i.created_at < $2
                offset 0
            ),
            inc as (
                select r.*,
                       %s - %s as first_response_minutes,
                       %s - %s as answer_minutes
                from received r
                left join cal c0 on c0.day = r.created_local::date
                left join cal c1 on c1.day = r.first_responded_local::date
                left join cal c2 on c2.day = r.answered_local::date
            )
            select organization_code, grouping(organization_code) = 1 as total,
                   count(*) as received,
                   count(*) filter (where is_case) as cases,
                   count(*) filter (where is_case and first_responded_at <= first_response_due) as first_response_on_time,
                   count(*) filter (where is_case and (first_responded_at > first_response_due
                                    or %s)) as first_response_late,
                   count(*) filter (where %s) as resolution_on_time,
                   count(*) filter (where %s) as resolution_late,
                   count(first_response_minutes) filter (where is_case) as first_response_count,
                   percentile_cont(0.5) within group (order by first_response_minutes) filter (where is_case) as first_response_median,
                   percentile_cont(0.9) within group (order by first_response_minutes) filter (where is_case) as first_response_p90,
                   count(answer_minutes) filter (where is_case) as answer_count,
                   percentile_cont(0.5) within group (order by answer_minutes) filter (where is_case) as answer_median,
                   percentile_cont(0.9) within group (order by answer_minutes) filter (where is_case) as answer_p90,
                   count(*) filter (where is_case and answered_at is not null) as answered,
                   count(*) filter (where is_case and (answered_at is not null or reopen_count > 0)) as answered_once,
                   count(*) filter (where is_case and reopen_count > 0) as reopened,
                   count(*) filter (where is_case and rating_accepted is not null) as rated,
                   count(*) filter (where is_case and rating_accepted) as accepted
            from inc
            group by grouping sets ((), (organization_code))
            """.formatted(NOT_CASES, OPEN_STATUSES,
            workingMinutesAt("c1", "r.first_responded_local"), workingMinutesAt("c0", "r.created_local"),
            workingMinutesAt("c2", "r.answered_local"), workingMinutesAt("c0", "r.created_local"),
            Overdue.firstResponseMissedSqlAt("$3"), RESOLUTION_ON_TIME, RESOLUTION_LATE);

    private static final String BREAKDOWN = """
            select case when grouping(status) = 0 then 'STATUS'
                        when grouping(channel) = 0 then 'CHANNEL'
                        when grouping(district_code) = 0 then 'DISTRICT'
                        else 'CATEGORY' end as dimension,
                   coalesce(status, channel, district_code, category_code) as code,
                   count(*) as count
            from incident
            where created_at >= $1 and created_at < $2
            group by grouping sets ((status), (channel), (district_code), (category_code))
            """;

    // Supports given in [$1, $2), by their incident's groups; the district group of incidents without one has code null
    private static final String SUPPORTERS = """
            select case when grouping(i.organization_code) = 0 then 'ORG'
                        when grouping(i.category_code) = 0 then 'CATEGORY'
                        when grouping(i.district_code) = 0 then 'DISTRICT'
                        else 'CHANNEL' end as dimension,
                   coalesce(i.organization_code, i.category_code, i.district_code, i.channel) as code,
                   count(*) as supporters
            from incident_supporter s
            join incident i on i.id = s.incident_id
            where s.created_at >= $1 and s.created_at < $2
            group by grouping sets ((i.organization_code), (i.category_code), (i.district_code), (i.channel))
            """;

    // $1 start, $2 end (exclusive), $3 now, $4 zone
    private static final String MONTHS = """
            select month, category_code,
                   count(*) as received,
                   count(*) filter (where is_case and answered_at is not null) as answered,
                   count(*) filter (where %s) as resolution_on_time,
                   count(*) filter (where %s) as resolution_late
            from (select date_part('month', i.created_at at time zone $4::text)::int as month, i.category_code,
                         i.answered_at, i.closed_at, i.resolution_due,
                         i.status not in %s as is_case,
                         i.status in %s as is_open
                  from incident i
                  where i.created_at >= $1 and i.created_at < $2) as inc
            group by month, category_code
            """.formatted(RESOLUTION_ON_TIME, RESOLUTION_LATE, NOT_CASES, OPEN_STATUSES);

    private final Pool pool;
    private final CalendarConfig calendar;

    public StatsRepository(Pool pool, CalendarConfig calendar) {
        this.pool = pool;
        this.calendar = calendar;
    }

    /**
     * Working minutes from the start of the calendar to a local time, with its calendar row {@code day}
     * (date_part, unlike extract, stays in double precision).
     */
    static String workingMinutesAt(String day, String localTime) {
        return "(" + day + ".minutes_before + case when " + day + ".working then least(greatest("
                + "date_part('epoch', " + localTime + "::time - $5::time) / 60, 0), "
                + "date_part('epoch', $6::time - $5::time) / 60) else 0 end)";
    }

    /** One row for all incidents received in [start, end), then one per responsible organisation. */
    public Uni<List<FiguresRow>> figures(Instant start, Instant end, Instant now, LocalDate calendarFrom,
            LocalDate calendarTo) {
        List<Object> parameters = new ArrayList<>(List.of(utc(start), utc(end), utc(now)));
        parameters.addAll(zoneAndCalendar(calendar, calendarFrom, calendarTo));
        return pool.preparedQuery(FIGURES).execute(Tuple.from(parameters))
                .map(rows -> {
                    List<FiguresRow> result = new ArrayList<>();
                    rows.forEach(row -> result.add(figuresRow(row)));
                    return result;
                });
    }

    /** Incidents received in [start, end) by status, channel, district and category. */
    public Uni<List<CountRow>> breakdown(Instant start, Instant end) {
        return pool.preparedQuery(BREAKDOWN).execute(Tuple.of(utc(start), utc(end)))
                .map(rows -> {
                    List<CountRow> result = new ArrayList<>();
                    rows.forEach(row -> result.add(new CountRow(Dimension.valueOf(row.getString("dimension")),
                            row.getString("code"), row.getLong("count"))));
                    return result;
                });
    }

    /** Supports given in [start, end) by their incident's organisation, topic, district and channel. */
    public Uni<List<SupportRow>> supporters(Instant start, Instant end) {
        return pool.preparedQuery(SUPPORTERS).execute(Tuple.of(utc(start), utc(end)))
                .map(rows -> {
                    List<SupportRow> result = new ArrayList<>();
                    rows.forEach(row -> result.add(new SupportRow(row.getString("dimension"), row.getString("code"),
                            row.getLong("supporters"))));
                    return result;
                });
    }

    /** Incidents received in [start, end) by calendar month (in the calendar's zone) and category. */
    public Uni<List<MonthCategoryRow>> monthsByCategory(Instant start, Instant end, Instant now) {
        return pool.preparedQuery(MONTHS)
                .execute(Tuple.of(utc(start), utc(end), utc(now), calendar.zone().getId()))
                .map(rows -> {
                    List<MonthCategoryRow> result = new ArrayList<>();
                    rows.forEach(row -> result.add(new MonthCategoryRow(row.getInteger("month"),
                            row.getString("category_code"), row.getLong("received"), row.getLong("answered"),
                            row.getLong("resolution_on_time"), row.getLong("resolution_late"))));
                    return result;
                });
    }

    /** Incidents received per month (1–12) that were linked to a city notice. */
    public Uni<java.util.Map<Integer, Long>> linkedToNoticesByMonth(Instant start, Instant end) {
        return pool.preparedQuery("""
                select date_part('month', i.created_at at time zone $3::text)::int as month,
                       count(distinct i.id) as linked
                from notice_incident l
                join incident i on i.id = l.incident_id
                where i.created_at >= $1 and i.created_at < $2
                group by 1""")
                .execute(Tuple.of(utc(start), utc(end), calendar.zone().getId()))
                .map(rows -> {
                    java.util.Map<Integer, Long> result = new java.util.HashMap<>();
                    rows.forEach(row -> result.put(row.getInteger("month"), row.getLong("linked")));
                    return result;
                });
    }

    /** The zone and the working calendar from {@code from} to {@code to}: parameters $4 to $11 of {@link #CALENDAR}. */
    static List<Object> zoneAndCalendar(CalendarConfig calendar, LocalDate from, LocalDate to) {
        return List.of(calendar.zone().getId(), calendar.workdayStart(), calendar.workdayEnd(),
                calendar.workingDays().stream().map(DayOfWeek::getValue).sorted().toArray(Integer[]::new),
                calendar.holidays().toArray(LocalDate[]::new),
                calendar.transferredWorkingDays().orElse(List.of()).toArray(LocalDate[]::new), from, to);
    }

    private static FiguresRow figuresRow(Row row) {
        return new FiguresRow(row.getBoolean("total"), row.getString("organization_code"),
                row.getLong("received"), row.getLong("cases"),
                row.getLong("first_response_on_time"), row.getLong("first_response_late"),
                row.getLong("resolution_on_time"), row.getLong("resolution_late"),
                row.getLong("first_response_count"), row.getDouble("first_response_median"),
                row.getDouble("first_response_p90"),
                row.getLong("answer_count"), row.getDouble("answer_median"), row.getDouble("answer_p90"),
                row.getLong("answered"), row.getLong("answered_once"), row.getLong("reopened"),
                row.getLong("rated"), row.getLong("accepted"));
    }

    enum Dimension {
        STATUS, CHANNEL, DISTRICT, CATEGORY
    }

    record CountRow(Dimension dimension, String code, long count) {
    }

    /** Supporters of one group: a dimension of the rollups (ORG, CATEGORY, DISTRICT, CHANNEL) and its code. */
    record SupportRow(String dimension, String code, long supporters) {
    }

    record MonthCategoryRow(int month, String categoryCode, long received, long answered, long resolutionOnTime,
            long resolutionLate) {
    }

    /** The figures of a group; minutes are working minutes, null where no incident had the duration. */
    record FiguresRow(boolean total, String organizationCode, long received, long cases,
            long firstResponseOnTime, long firstResponseLate, long resolutionOnTime, long resolutionLate,
            long firstResponseCount, Double firstResponseMedianMinutes, Double firstResponseP90Minutes,
            long answerCount, Double answerMedianMinutes, Double answerP90Minutes,
            long answered, long answeredOnce, long reopened, long rated, long accepted) {
    }
}
