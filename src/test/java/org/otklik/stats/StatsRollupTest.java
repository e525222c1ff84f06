package org.otklik.stats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.stats.StatsRepository.CountRow;
import org.otklik.stats.StatsRepository.FiguresRow;
import org.otklik.stats.StatsRepository.MonthCategoryRow;
import org.otklik.stats.StatsRepository.SupportRow;
import org.otklik.testsupport.TestTokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every report's rows from rollups against the scan over the incidents (StatsRepository, the oracle) over a
 * generated year: right after the incidents are written (deltas not folded), after folding, after parallel
 * workflow-like changes, and after a rebuild. Counts must be equal; percentiles within 1 %.
 */
@QuarkusTest
@TestProfile(StatsTestProfile.class)
class StatsRollupTest {

    private static final ZoneId SAMARA = ZoneId.of("Europe/Samara");
    private static final int YEAR = 2017;
    private static final String PREFIX = "RY17-";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatsRepository scan;

    @Inject
    StatsRollups rollups;

    @BeforeEach
    void generateYear() throws Exception {
        synchronized (StatsRollupTest.class) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("select count(*) from incident where number like '" + PREFIX + "%'")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                statement.execute("select setseed(0.17)");
                statement.execute(generatedYearSql());
                // supporters ("me too", issue 27): up to four per incident, given up to 20 days after it was received
                statement.execute("insert into incident_supporter (incident_id, subject, channel, created_at) "
                        + "select i.id, 'rollup-supporter-' || k, 'WIDGET', "
                        + "i.created_at + interval '1 second' * floor(random() * 20 * 86400) "
                        + "from incident i cross join generate_series(1, 4) as k "
                        + "where i.number like '" + PREFIX + "%' and random() < 0.15");
            }
        }
    }

    private static String generatedYearSql() {
        return """
                insert into incident (number, channel, social_platform, category_code, district_code, text, submitted_by,
                    organization_code, status, first_response_due, resolution_due, first_responded_at, answered_at, closed_at,
                    reopen_count, rating_accepted, rated_at, created_at, updated_at)
                select '%1$s' || lpad(g::text, 6, '0'), channel, case when channel = 'SOCIAL' then 'VK' end, category, district,
                       'Сообщение года для сверки', 'rollup-test', organization, status,
                       case when r_due < 0.03 then timestamptz '2099-01-01 00:00Z' else created + interval '1 hour' * (4 + 5 * r_due) end,
                       case when r_due < 0.05 then timestamptz '2099-01-01 00:00Z' else created + interval '1 day' * (3 + 27 * r_due) end,
                       case when status <> 'NEW' and r_first < 0.9 then created + interval '1 minute' * (4000 * r_first * r_first) end,
                       answered,
                       case when status = 'CLOSED' then coalesce(answered, created) + interval '2 days' end,
                       case when status = 'REOPENED' then 1 when r_rate < 0.05 and answered is not null then 1 else 0 end,
                       case when answered is not null and r_rate < 0.4 then r_rate < 0.34 end,
                       case when answered is not null and r_rate < 0.4 then answered + interval '1 day' end,
                       created, created
                from (
                    select g, created, channel, category, district, organization, status, r_due, r_first, r_rate,
                           case when status in ('ANSWERED', 'CLOSED') or (status = 'REOPENED' and r_first < 0.5)
                                then created + interval '1 minute' * (1 + 36000 * r_answer * r_answer) end as answered
                    from (
                        select g,
                               timestamptz '%2$d-01-01 00:00+04' - interval '2 days'
                                   + interval '1 second' * floor(random() * 369 * 86400) as created,
                               (array['WIDGET', 'MOBILE', 'GOSUSLUGI', 'GOSUSLUGI', 'SOCIAL'])[1 + floor(random() * 5)::int] as channel,
                               (array['housing.heating', 'housing.hot_water', 'housing.waste', 'landscaping.yards',
                                      'landscaping.snow', 'roads.potholes', 'transport.stops', 'covid', 'other'])[1 + floor(random() * 9)::int] as category,
                               (array['leninsky', 'kirovsky', 'samarsky', 'sovetsky', null])[1 + floor(random() * 5)::int] as district,
                               (array['mcu', 'adm.leninsky', 'dep.roads', 'rso.heat', 'dep.transport'])[1 + floor(random() * 5)::int] as organization,
                               (array['CLOSED', 'CLOSED', 'CLOSED', 'ANSWERED', 'ANSWERED', 'IN_PROGRESS', 'ASSIGNED', 'NEW',
                                      'REJECTED', 'REOPENED', 'DUPLICATE'])[1 + floor(random() * 11)::int] as status,
                               random() as r_due, random() as r_first, random() as r_answer, random() as r_rate
                        from generate_series(1, 6000) as g
                    ) as drawn
                ) as seeded
                """.formatted(PREFIX, YEAR);
    }

    @Test
    void everyReportFromRollupsEqualsTheScanBeforeAndAfterFoldingAndAfterParallelChanges() throws Exception {
        assertAllReportsMatch("deltas not folded yet");
        rollups.fold().await().atMost(Duration.ofMinutes(2));
        assertAllReportsMatch("folded");

        parallelWorkflowChanges();
        assertAllReportsMatch("after parallel changes, deltas pending");
        rollups.fold().await().atMost(Duration.ofMinutes(2));
        assertAllReportsMatch("after parallel changes, folded");
    }

    @Test
    void rebuildRepairsDamagedRollupsAndOnlyAdminsMayCallIt() throws Exception {
        rollups.fold().await().atMost(Duration.ofMinutes(2));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update stats_rollup set received = received + 7, supporters = supporters + 3, fr_hist = null "
                    + "where day between '" + YEAR + "-03-01' and '" + YEAR + "-04-30'");
        }
        String before = rollupChecksum();
        for (String role : List.of("analyst", "operator", "citizen")) {
            given().auth().oauth2(TestTokens.forRole(role)).when()
                    .post("/api/v1/admin/stats/rebuild?from=" + YEAR + "-03-01&to=" + YEAR + "-04-30")
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
        given().when().post("/api/v1/admin/stats/rebuild?from=" + YEAR + "-03-01&to=" + YEAR + "-04-30")
                .then().statusCode(401).contentType("application/problem+json");
        for (String query : List.of("", "?from=" + YEAR + "-03-01", "?to=" + YEAR + "-04-30",
                "?from=" + YEAR + "-04-30&to=" + YEAR + "-03-01", "?from=2017-02-30&to=2017-03-01",
                "?from=17-03-01&to=2017-04-01", "?from=2010-01-01&to=2017-04-01")) {
            given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/admin/stats/rebuild" + query)
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                    .body("errors.parameter", hasItem(org.hamcrest.Matchers.anyOf(equalTo("from"), equalTo("to"))));
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/admin/stats/rebuild?from=2017-03-01&to=2017-03-02")
                .then().statusCode(405).contentType("application/problem+json");
        assertThat(rollupChecksum()).as("refused calls change nothing").isEqualTo(before);

        given().auth().oauth2(TestTokens.admin()).when()
                .post("/api/v1/admin/stats/rebuild?from=" + YEAR + "-03-01&to=" + YEAR + "-04-30")
                .then().statusCode(200).contentType("application/json")
                .body("from", equalTo(YEAR + "-03-01")).body("to", equalTo(YEAR + "-04-30"))
                .body("incidents", equalTo((int) count(YEAR + "-03-01", YEAR + "-05-01")));
        assertAllReportsMatch("rebuilt");
        // idempotent: again, and a range starting mid-month
        rollups.rebuild(LocalDate.of(YEAR, 3, 17), LocalDate.of(YEAR, 6, 3)).await().atMost(Duration.ofMinutes(1));
        rollups.rebuild(LocalDate.of(YEAR, 3, 17), LocalDate.of(YEAR, 6, 3)).await().atMost(Duration.ofMinutes(1));
        assertAllReportsMatch("rebuilt twice, from mid-month");
    }

    private String rollupChecksum() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select md5(string_agg(r::text, '|' order by grain, dimension, day, code)) "
                        + "from stats_rollup r where day between '" + YEAR + "-01-01' and '" + YEAR + "-12-31'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private long count(String from, String to) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select count(*) from incident where created_at >= (?::date)::timestamp at time zone 'Europe/Samara' "
                        + "and created_at < (?::date)::timestamp at time zone 'Europe/Samara'")) {
            statement.setString(1, from);
            statement.setString(2, to);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Eight threads, each changing incidents of the same days and organisations in transactions of their own. */
    private void parallelWorkflowChanges() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from incident where number like '" + PREFIX + "%' "
                        + "and organization_code = 'rso.heat' and status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED') "
                        + "order by created_at limit 400")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        assertThat(ids).hasSizeGreaterThan(200);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        for (int i = thread; i < ids.size(); i += 8) {
                            // a support a day after receipt; the updates below then move it with its incident
                            try (PreparedStatement support = connection.prepareStatement(i % 2 == 0
                                    ? "insert into incident_supporter (incident_id, subject, channel, created_at) "
                                            + "select id, 'rollup-parallel', 'MOBILE', created_at + interval '1 day' "
                                            + "from incident where id = ?"
                                    : "delete from incident_supporter where incident_id = ? and subject = 'rollup-supporter-1'")) {
                                support.setLong(1, ids.get(i));
                                support.executeUpdate();
                            }
                            try (PreparedStatement step = connection.prepareStatement(i % 3 == 0
                                    ? "update incident set status = 'ANSWERED', first_responded_at = coalesce(first_responded_at, "
                                            + "created_at + interval '3 hours'), answered_at = created_at + interval '50 hours', "
                                            + "updated_at = now() where id = ?"
                                    : i % 3 == 1
                                            ? "update incident set status = 'IN_PROGRESS', organization_code = 'dep.roads', "
                                                    + "category_code = 'roads.potholes', district_code = null, updated_at = now() where id = ?"
                                            : "update incident set status = 'REJECTED', updated_at = now() where id = ?")) {
                                step.setLong(1, ids.get(i));
                                step.executeUpdate();
                            }
                        }
                    }
                    return null;
                }));
            }
            done.add(threads.submit(() -> rollups.fold().await().atMost(Duration.ofMinutes(1))));
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void assertAllReportsMatch(String when) {
        Instant now = Instant.now();
        List<LocalDate[]> periods = List.of(
                new LocalDate[] { LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 12, 31) },
                new LocalDate[] { LocalDate.of(YEAR, 2, 1), LocalDate.of(YEAR, 2, 28) },
                new LocalDate[] { LocalDate.of(YEAR, 2, 17), LocalDate.of(YEAR, 7, 3) },
                new LocalDate[] { LocalDate.of(YEAR, 5, 9), LocalDate.of(YEAR, 5, 9) },
                new LocalDate[] { LocalDate.of(YEAR - 1, 12, 30), LocalDate.of(YEAR, 1, 2) },
                new LocalDate[] { LocalDate.of(YEAR, 11, 1), LocalDate.of(YEAR + 1, 1, 31) });
        for (LocalDate[] period : periods) {
            String label = when + ", " + period[0] + " to " + period[1];
            Instant start = period[0].atStartOfDay(SAMARA).toInstant();
            Instant end = period[1].plusDays(1).atStartOfDay(SAMARA).toInstant();
            StatsRollups.Snapshot snapshot = rollups.read(period[0], period[1], now, StatsRollupRepository.DIMENSIONS)
                    .await().atMost(Duration.ofMinutes(1));
            List<FiguresRow> expected = scan.figures(start, end, now, period[0], LocalDate.now(SAMARA).plusDays(1))
                    .await().atMost(Duration.ofMinutes(1));
            assertFiguresMatch(label, RollupFigures.figures(snapshot), expected);
            List<CountRow> expectedCounts = scan.breakdown(start, end).await().atMost(Duration.ofMinutes(1));
            assertThat(RollupFigures.breakdown(snapshot)).as(label).containsExactlyInAnyOrderElementsOf(expectedCounts);
            List<SupportRow> expectedSupports = scan.supporters(start, end).await().atMost(Duration.ofMinutes(1));
            assertThat(expectedSupports).as(label).isNotEmpty();
            assertThat(RollupFigures.supporters(snapshot)).as(label + ", supporters")
                    .containsExactlyInAnyOrderElementsOf(expectedSupports);
        }
        for (YearMonth month : List.of(YearMonth.of(YEAR, 1), YearMonth.of(YEAR, 6), YearMonth.of(YEAR, 12))) {
            StatsRollups.Snapshot snapshot = rollups.read(month.atDay(1), month.atEndOfMonth(), now,
                    List.of(StatsRollupRepository.CATEGORY, StatsRollupRepository.DISTRICT, StatsRollupRepository.CHANNEL))
                    .await().atMost(Duration.ofMinutes(1));
            Instant start = month.atDay(1).atStartOfDay(SAMARA).toInstant();
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(SAMARA).toInstant();
            assertThat(RollupFigures.monthsByCategory(snapshot)).as(when + ", open data " + month)
                    .containsExactlyInAnyOrderElementsOf(scan.monthsByCategory(start, end, now).await().atMost(Duration.ofMinutes(1)));
            assertThat(RollupFigures.breakdown(snapshot)).as(when + ", open data " + month)
                    .containsExactlyInAnyOrderElementsOf(scan.breakdown(start, end).await().atMost(Duration.ofMinutes(1)).stream()
                            .filter(row -> row.dimension() != StatsRepository.Dimension.STATUS).toList());
        }
        StatsRollups.Snapshot year = rollups.read(LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 12, 31), now,
                List.of(StatsRollupRepository.CATEGORY)).await().atMost(Duration.ofMinutes(1));
        List<MonthCategoryRow> expectedMonths = scan.monthsByCategory(LocalDate.of(YEAR, 1, 1).atStartOfDay(SAMARA).toInstant(),
                LocalDate.of(YEAR + 1, 1, 1).atStartOfDay(SAMARA).toInstant(), now).await().atMost(Duration.ofMinutes(1));
        assertThat(expectedMonths).hasSizeGreaterThan(100);
        assertThat(RollupFigures.monthsByCategory(year)).as(when + ", monthly").containsExactlyInAnyOrderElementsOf(expectedMonths);
    }

    private static void assertFiguresMatch(String label, List<FiguresRow> actual, List<FiguresRow> expected) {
        Comparator<FiguresRow> order = Comparator.comparing(FiguresRow::total).reversed()
                .thenComparing(FiguresRow::organizationCode, Comparator.nullsFirst(Comparator.naturalOrder()));
        List<FiguresRow> sortedActual = actual.stream().sorted(order).toList();
        List<FiguresRow> sortedExpected = expected.stream().sorted(order).toList();
        assertThat(sortedActual).as(label).hasSameSizeAs(sortedExpected);
        assertThat(sortedExpected.get(0).received()).as(label).isPositive();
        for (int i = 0; i < sortedExpected.size(); i++) {
            FiguresRow a = sortedActual.get(i);
            FiguresRow e = sortedExpected.get(i);
            String group = label + ", " + (e.total() ? "total" : e.organizationCode());
            assertThat(a).as(group).usingRecursiveComparison()
                    .ignoringFields("firstResponseMedianMinutes", "firstResponseP90Minutes", "answerMedianMinutes",
                            "answerP90Minutes")
                    .isEqualTo(e);
            assertClose(group + " first response median", a.firstResponseMedianMinutes(), e.firstResponseMedianMinutes());
            assertClose(group + " first response p90", a.firstResponseP90Minutes(), e.firstResponseP90Minutes());
            assertClose(group + " answer median", a.answerMedianMinutes(), e.answerMedianMinutes());
            assertClose(group + " answer p90", a.answerP90Minutes(), e.answerP90Minutes());
        }
    }

    /** Within 1 % of the exact value; under one minute within half a minute (bucket 0). */
    private static void assertClose(String what, Double actual, Double exact) {
        if (exact == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(Math.abs(actual - exact)).as(what + ": " + actual + " vs " + exact)
                .isLessThanOrEqualTo(exact < 1 ? 0.5 : 0.01 * exact);
    }
}
