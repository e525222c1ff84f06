package org.otklik.stats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.stats.MonthlyView.MonthView;
import org.otklik.stats.PublicStatsView.PublicGroupsView;
import org.otklik.stats.StatsFixture.Row;
import org.otklik.testsupport.TestTokens;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(StatsTestProfile.class)
class StatsReportsTest {

    private static final Map<String, String> ORGANIZATION_NAMES = Map.of(
            "adm.leninsky", "Администрация Ленинского района",
            "rso.heat", "Теплоснабжающая организация");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper objectMapper;

    @BeforeEach
    void insertFixture() throws Exception {
        StatsFixture.insert(dataSource);
    }

    private <T> T get(String path, String token, Class<T> type) throws Exception {
        String body = given().auth().oauth2(token).when().get(path)
                .then().statusCode(200).contentType("application/json").extract().asString();
        return objectMapper.readValue(body, type);
    }

    @Test
    void februarySummaryMatchesFiguresComputedFromTheRows() throws Exception {
        SummaryView summary = get("/api/v1/stats/summary?from=2020-02-01&to=2020-02-29", TestTokens.analyst(), SummaryView.class);
        Instant now = Instant.now();
        List<Row> rows = StatsFixture.receivedBetween(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 29));
        assertThat(rows).hasSizeGreaterThan(150);

        assertThat(summary.from()).isEqualTo("2020-02-01");
        assertThat(summary.to()).isEqualTo("2020-02-29");
        assertThat(summary.timeZone()).isEqualTo("Europe/Samara");
        assertFigures(summary.total(), StatsExpectations.figures(rows, now));
        assertCounts(summary.byStatus(), rows, Row::status);
        assertCounts(summary.byChannel(), rows, Row::channel);
        assertCounts(summary.byDistrict(), rows, Row::district);
        assertCounts(summary.byTopic(), rows, Row::topic);
        assertCounts(summary.bySubtopic(), rows, Row::category);
        assertThat(summary.topTopics()).isEqualTo(summary.byTopic().subList(0, 5));

        assertThat(summary.byOrganization()).extracting(OrganizationFiguresView::code)
                .containsExactlyElementsOf(StatsExpectations.ranked(rows, Row::organization).stream().map(Map.Entry::getKey).toList());
        for (OrganizationFiguresView organization : summary.byOrganization()) {
            List<Row> ofOrganization = rows.stream().filter(r -> r.organization().equals(organization.code())).toList();
            assertFigures(organization.figures(), StatsExpectations.figures(ofOrganization, now));
            if (ORGANIZATION_NAMES.containsKey(organization.code())) {
                assertThat(organization.name()).isEqualTo(ORGANIZATION_NAMES.get(organization.code()));
            }
        }
        CountView noDistrict = summary.byDistrict().stream().filter(c -> c.code() == null).findFirst().orElseThrow();
        assertThat(noDistrict.name()).isEqualTo("Район не указан");
        assertThat(summary.byTopic()).filteredOn(c -> "housing".equals(c.code())).extracting(CountView::name).containsExactly("ЖКХ");
    }

    @Test
    void theFixtureExercisesEveryKindOfFigure() throws Exception {
        FiguresView total = get("/api/v1/stats/summary?from=2020-02-01&to=2020-02-29", TestTokens.operator(),
                SummaryView.class).total();
        assertThat(total.firstResponse().onTime()).isPositive();
        assertThat(total.firstResponse().late()).isPositive();
        assertThat(total.firstResponse().pending()).isEqualTo(1);
        assertThat(total.resolution().pending()).isEqualTo(2);
        assertThat(total.resolution().late()).isGreaterThan(
                StatsExpectations.count(StatsFixture.receivedBetween(LocalDate.of(2020, 2, 1), LocalDate.of(2020, 2, 29)),
                        r -> r.isCase() && !r.isOpen() && StatsExpectations.resolved(r) != null
                                && StatsExpectations.resolved(r).isAfter(r.resolutionDue())));
        assertThat(total.reopenRate()).isBetween(0.0, 1.0);
        assertThat(total.acceptedShare()).isBetween(0.0, 1.0);
        assertThat(total.cases()).isLessThan(total.received());
    }

    @Test
    void wholeYearWithTopThree() throws Exception {
        SummaryView summary = get("/api/v1/stats/summary?from=2020-01-01&to=2020-12-31&top=3", TestTokens.operator(),
                SummaryView.class);
        List<Row> rows = StatsFixture.receivedBetween(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
        assertFigures(summary.total(), StatsExpectations.figures(rows, Instant.now()));
        assertCounts(summary.byTopic(), rows, Row::topic);
        assertThat(summary.topTopics()).hasSize(3).isEqualTo(summary.byTopic().subList(0, 3));
        // the edges: 2020-01-01 00:00 Samara is 2019-12-31T20:00Z; 2021-01-01 00:30 Samara is outside
        assertThat(summary.total().received()).isEqualTo(rows.size())
                .isEqualTo(StatsFixture.INCIDENTS.size() - 2);
    }

    @Test
    void monthlyFiguresPerSamaraCalendarMonth() throws Exception {
        MonthlyView monthly = get("/api/v1/stats/monthly?year=2020", TestTokens.analyst(), MonthlyView.class);
        Instant now = Instant.now();
        List<Row> year = StatsFixture.receivedBetween(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31));
        assertThat(monthly.year()).isEqualTo(2020);
        assertThat(monthly.months()).hasSize(12);
        for (int m = 1; m <= 12; m++) {
            MonthView month = monthly.months().get(m - 1);
            List<Row> rows = StatsExpectations.inMonth(year, YearMonth.of(2020, m));
            FiguresView expected = StatsExpectations.figures(rows, now);
            assertThat(month.month()).isEqualTo(YearMonth.of(2020, m).toString());
            assertThat(month.received()).as(month.month()).isEqualTo(rows.size());
            assertThat(month.answered()).as(month.month()).isEqualTo(expected.answered());
            assertThat(month.resolutionOnTime()).as(month.month()).isEqualTo(expected.resolution().onTime());
            assertThat(month.resolutionLate()).as(month.month()).isEqualTo(expected.resolution().late());
            assertThat(month.onTimeRate()).as(month.month()).isEqualTo(expected.resolution().onTimeRate());
            List<Map.Entry<String, Long>> topics = StatsExpectations.ranked(rows, Row::topic);
            assertThat(month.topTopics()).extracting(CountView::code, CountView::count)
                    .containsExactlyElementsOf(topics.subList(0, Math.min(5, topics.size())).stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
        }
        // 2020-01-31 23:59 Samara is January, 00:00 on 1 February is February
        assertThat(StatsExpectations.inMonth(year, YearMonth.of(2020, 1)))
                .anyMatch(r -> r.createdAt().equals(Instant.parse("2020-01-31T19:59:00Z")));
        List<Map.Entry<String, Long>> yearTopics = StatsExpectations.ranked(year, Row::topic);
        assertThat(monthly.topTopics()).extracting(CountView::code)
                .containsExactlyElementsOf(yearTopics.subList(0, 5).stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void monthlyOfAYearWithOneLateEveningIncident() throws Exception {
        MonthlyView monthly = get("/api/v1/stats/monthly?year=2019", TestTokens.analyst(), MonthlyView.class);
        assertThat(monthly.months()).extracting(MonthView::received).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void emptyPeriodsGiveZerosAndNoRates() throws Exception {
        SummaryView summary = get("/api/v1/stats/summary?from=2019-06-01&to=2019-06-30", TestTokens.analyst(), SummaryView.class);
        assertThat(summary.total().received()).isZero();
        assertThat(summary.total().firstResponse().onTimeRate()).isNull();
        assertThat(summary.total().resolution().onTimeRate()).isNull();
        assertThat(summary.total().timeToFirstResponse().medianWorkingHours()).isNull();
        assertThat(summary.total().timeToAnswer().p90WorkingHours()).isNull();
        assertThat(summary.total().reopenRate()).isNull();
        assertThat(summary.total().acceptedShare()).isNull();
        assertThat(summary.byStatus()).isEmpty();
        assertThat(summary.topTopics()).isEmpty();
        assertThat(summary.byOrganization()).isEmpty();

        MonthlyView monthly = get("/api/v1/stats/monthly?year=2018", TestTokens.analyst(), MonthlyView.class);
        assertThat(monthly.months()).hasSize(12).allSatisfy(m -> {
            assertThat(m.received()).isZero();
            assertThat(m.onTimeRate()).isNull();
            assertThat(m.topTopics()).isEmpty();
        });
        assertThat(monthly.topTopics()).isEmpty();

        PublicStatsView open = objectMapper.readValue(given().when().get("/api/v1/stats/public?month=2019-06")
                .then().statusCode(200).extract().asString(), PublicStatsView.class);
        assertThat(open.received()).isZero();
        assertThat(open.resolutionOnTimeRate()).isNull();
        assertThat(open.byTopic().groups()).isEmpty();
        assertThat(open.byTopic().hiddenGroups()).isZero();

        String svg = given().auth().oauth2(TestTokens.analyst()).when().get("/api/v1/stats/monthly/chart.svg?year=2018")
                .then().statusCode(200).extract().asString();
        assertThat(svg).contains("Обращений за год нет");
        parseXml(svg);
    }

    @Test
    void openDataHidesSmallGroupsAndIsCacheable() throws Exception {
        Response response = given().when().get("/api/v1/stats/public?month=2020-02");
        response.then().statusCode(200)
                .header("Cache-Control", "public, max-age=3600")
                .header("Vary", org.hamcrest.Matchers.containsString("Accept"));
        String etag = response.header("ETag");
        assertThat(etag).isNotBlank();
        PublicStatsView open = objectMapper.readValue(response.asString(), PublicStatsView.class);

        List<Row> rows = StatsExpectations.inMonth(StatsFixture.INCIDENTS, YearMonth.of(2020, 2));
        FiguresView expected = StatsExpectations.figures(rows, Instant.now());
        assertThat(open.month()).isEqualTo("2020-02");
        assertThat(open.minGroupSize()).isEqualTo(5);
        assertThat(open.received()).isEqualTo(rows.size());
        assertThat(open.answered()).isEqualTo(expected.answered());
        assertThat(open.resolutionOnTimeRate()).isEqualTo(expected.resolution().onTimeRate());
        assertSuppressed(open.byTopic(), rows, Row::topic);
        assertSuppressed(open.byDistrict(), rows, Row::district);
        assertSuppressed(open.byChannel(), rows, Row::channel);
        assertThat(response.asString()).doesNotContain("ST20-", "stats-fixture", "Текст обращения");

        given().header("If-None-Match", etag).when().get("/api/v1/stats/public?month=2020-02")
                .then().statusCode(304).header("ETag", etag);
        Response csv = given().accept("text/csv").when().get("/api/v1/stats/public?month=2020-02");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        assertThat(csv.header("ETag")).isNotEqualTo(etag);
        assertThat(new String(csv.asByteArray(), StandardCharsets.UTF_8)).startsWith("\uFEFFраздел;код;название;значение\r\n")
                .contains("\r\nполучено;;Получено обращений;" + rows.size() + "\r\n");
    }

    @Test
    void openDataRefusesAnIfNoneMatchTheContractCallsInvalid() {
        for (String invalid : List.of("no-quotes", "\"" + "a".repeat(199) + "\"")) {
            given().header("If-None-Match", invalid).when().get("/api/v1/stats/public?month=2020-02")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].parameter", org.hamcrest.Matchers.equalTo("If-None-Match"));
        }
        given().header("If-None-Match", "W/\"other\", \"another\"").when().get("/api/v1/stats/public?month=2020-02")
                .then().statusCode(200);
        given().header("If-None-Match", "*").when().get("/api/v1/stats/public?month=2020-02").then().statusCode(304);
    }

    @Test
    void smallGroupSuppressionHidesTheNextSmallestWhenOneGroupAloneWouldBeHidden() {
        List<CountView> groups = List.of(new CountView("a", "A", 9, 0), new CountView("b", "B", 6, 0),
                new CountView("c", "C", 2, 0));
        PublicGroupsView view = StatsService.suppressed(groups, 5);
        assertThat(view.groups()).extracting(CountView::code).containsExactly("a");
        assertThat(view.hiddenGroups()).isEqualTo(2);
        assertThat(view.hiddenCount()).isEqualTo(8);
        assertThat(StatsService.suppressed(List.of(new CountView("a", "A", 9, 0), new CountView("c", "C", 3, 0),
                new CountView("d", "D", 2, 0)), 5).groups()).extracting(CountView::code).containsExactly("a");
        assertThat(StatsService.suppressed(List.of(new CountView("a", "A", 9, 0)), 5).hiddenGroups()).isZero();
    }

    @Test
    void currentMonthOfOpenDataIsCachedBriefly() {
        given().when().get("/api/v1/stats/public?month=" + YearMonth.now(StatsFixture.SAMARA))
                .then().statusCode(200).header("Cache-Control", "public, max-age=300");
    }

    @Test
    void summaryAsCsvOpensInSpreadsheets() throws Exception {
        SummaryView summary = get("/api/v1/stats/summary?from=2020-02-01&to=2020-02-29", TestTokens.analyst(), SummaryView.class);
        Response response = given().auth().oauth2(TestTokens.analyst()).accept("text/csv")
                .when().get("/api/v1/stats/summary?from=2020-02-01&to=2020-02-29");
        response.then().statusCode(200)
                .contentType(org.hamcrest.Matchers.equalToIgnoringCase("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"otklik-summary-2020-02-01-2020-02-29.csv\"");
        byte[] bytes = response.asByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(csv).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n", "\r");
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("раздел;код;название;получено;доля;случаев;первый_ответ_в_срок;");
        int columns = lines[0].split(";", -1).length;
        assertThat(lines).allSatisfy(line -> assertThat(line.split(";", -1)).hasSize(columns));
        FiguresView total = summary.total();
        assertThat(lines[1]).startsWith("итого;;Все обращения 2020-02-01 — 2020-02-29;" + total.received() + ";;"
                + total.cases() + ";" + total.firstResponse().onTime() + ";" + total.firstResponse().late() + ";");
        assertThat(lines[1]).contains(";" + StatsCsv.decimal(total.firstResponse().onTimeRate()) + ";");
        assertThat(StatsCsv.decimal(total.firstResponse().onTimeRate())).contains(",");
        assertThat(lines).contains("тема;housing;ЖКХ;" + count(summary.byTopic(), "housing") + ";"
                + StatsCsv.decimal(share(summary.byTopic(), "housing")) + ";" + ";".repeat(columns - 6));
        long dataRows = 1 + summary.byStatus().size() + summary.byChannel().size() + summary.byDistrict().size()
                + summary.byTopic().size() + summary.bySubtopic().size() + summary.topTopics().size() + summary.byOrganization().size()
                + 1 + summary.supporters().byOrganization().size() + summary.supporters().byDistrict().size()
                + summary.supporters().byTopic().size() + summary.supporters().byChannel().size();
        assertThat(lines).hasSize((int) dataRows + 1);
        assertThat(lines).anyMatch(l -> l.startsWith("организация;adm.leninsky;Администрация Ленинского района;"));
    }

    @Test
    void monthlyAsCsv() throws Exception {
        MonthlyView monthly = get("/api/v1/stats/monthly?year=2020", TestTokens.analyst(), MonthlyView.class);
        String csv = new String(given().auth().oauth2(TestTokens.analyst()).header("Accept", "text/csv;q=1, application/json;q=0.5")
                .when().get("/api/v1/stats/monthly?year=2020")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract().asByteArray(), StandardCharsets.UTF_8);
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines).hasSize(13);
        assertThat(lines[0]).isEqualTo("месяц;получено;отвечено;решено_в_срок;решено_с_опозданием;доля_в_срок;"
                + "тема_1;обращений_1;тема_2;обращений_2;тема_3;обращений_3;тема_4;обращений_4;тема_5;обращений_5;"
                + "связано_с_объявлениями");
        MonthView february = monthly.months().get(1);
        assertThat(lines[2]).startsWith("2020-02;" + february.received() + ";" + february.answered() + ";"
                + february.resolutionOnTime() + ";" + february.resolutionLate() + ";" + StatsCsv.decimal(february.onTimeRate())
                + ";" + february.topTopics().get(0).name() + ";" + february.topTopics().get(0).count() + ";");
    }

    @Test
    void jsonIsTheDefaultAndUnknownMediaTypesAre406() {
        given().auth().oauth2(TestTokens.analyst()).accept("*/*").when().get("/api/v1/stats/monthly?year=2020")
                .then().statusCode(200).contentType("application/json");
        given().auth().oauth2(TestTokens.analyst()).accept("application/xml").when().get("/api/v1/stats/monthly?year=2020")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void chartIsAWellFormedSvgWithoutScripts() throws Exception {
        MonthlyView monthly = get("/api/v1/stats/monthly?year=2020", TestTokens.analyst(), MonthlyView.class);
        Response response = given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/stats/monthly/chart.svg?year=2020");
        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("image/svg+xml"));
        String svg = new String(response.asByteArray(), StandardCharsets.UTF_8);
        Document document = parseXml(svg);
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.toLowerCase()).doesNotContain("<script", "javascript:", "onload", "onclick", "href");
        assertThat(svg).contains("Обращения граждан по месяцам, 2020 год", ">Янв<", ">Фев<", ">Дек<", "Другие темы");
        for (CountView topic : monthly.topTopics()) {
            assertThat(svg).contains(">" + topic.name() + "<");
        }
        for (MonthView month : monthly.months()) {
            if (month.received() > 0) {
                assertThat(svg).contains(">" + month.received() + "</text>");
            }
        }
        assertThat(document.getElementsByTagName("rect").getLength()).isGreaterThan(12);
    }

    @Test
    void chartTextIsEscaped() throws Exception {
        List<List<Long>> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            months.add(List.of(m * 1000L, 3L));
        }
        String svg = MonthlyChartSvg.render(new MonthlyChart(2020, List.of("<script>alert('x')</script> & «ЖКХ»", "Другие темы"), months));
        parseXml(svg);
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; «ЖКХ»");
        assertThat(svg).contains(">11\u2009003</text>");
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertThat(org.otklik.common.SpreadsheetCsv.escape("ЖКХ")).isEqualTo("ЖКХ");
        assertThat(org.otklik.common.SpreadsheetCsv.escape("a;b")).isEqualTo("\"a;b\"");
        assertThat(org.otklik.common.SpreadsheetCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(org.otklik.common.SpreadsheetCsv.escape("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(org.otklik.common.SpreadsheetCsv.escape("=cmd()")).isEqualTo("'=cmd()");
        assertThat(StatsCsv.decimal(0.8807)).isEqualTo("0,8807");
        assertThat(StatsCsv.decimal(2.5)).isEqualTo("2,5");
        assertThat(StatsCsv.decimal(3.0)).isEqualTo("3");
        assertThat(StatsCsv.decimal(null)).isEmpty();
    }

    private static long count(List<CountView> counts, String code) {
        return counts.stream().filter(c -> code.equals(c.code())).findFirst().orElseThrow().count();
    }

    private static double share(List<CountView> counts, String code) {
        return counts.stream().filter(c -> code.equals(c.code())).findFirst().orElseThrow().share();
    }

    private static void assertFigures(FiguresView actual, FiguresView expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(StatsExpectations::closeDoubles, Double.class)
                .withComparatorForFields(java.util.Comparator.<Double> nullsFirst(StatsExpectations::closeDurations),
                        "timeToFirstResponse.medianWorkingHours", "timeToFirstResponse.p90WorkingHours",
                        "timeToAnswer.medianWorkingHours", "timeToAnswer.p90WorkingHours")
                .isEqualTo(expected);
    }

    private static void assertCounts(List<CountView> actual, List<Row> rows, Function<Row, String> key) {
        List<Map.Entry<String, Long>> expected = StatsExpectations.ranked(rows, key);
        assertThat(actual).extracting(CountView::code).containsExactlyElementsOf(expected.stream().map(Map.Entry::getKey).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).count()).isEqualTo(expected.get(i).getValue());
            assertThat(actual.get(i).share()).isCloseTo(StatsExpectations.share(expected.get(i).getValue(), rows.size()), within(1e-9));
            assertThat(actual.get(i).name()).isNotBlank();
        }
    }

    /** Groups of 5 or more shown; if the hidden ones hold fewer than 5 together, the next smallest is hidden too. */
    private static void assertSuppressed(PublicGroupsView actual, List<Row> rows, Function<Row, String> key) {
        List<Map.Entry<String, Long>> all = StatsExpectations.ranked(rows, key);
        List<Map.Entry<String, Long>> shown = new ArrayList<>(all.stream().filter(e -> e.getValue() >= 5).toList());
        long hiddenCount = all.stream().filter(e -> e.getValue() < 5).mapToLong(Map.Entry::getValue).sum();
        while (hiddenCount > 0 && hiddenCount < 5 && !shown.isEmpty()) {
            hiddenCount += shown.remove(shown.size() - 1).getValue();
        }
        assertThat(actual.groups()).extracting(CountView::code).containsExactlyElementsOf(shown.stream().map(Map.Entry::getKey).toList());
        assertThat(actual.groups()).extracting(CountView::count).containsExactlyElementsOf(shown.stream().map(Map.Entry::getValue).toList());
        assertThat(actual.groups()).allSatisfy(g -> assertThat(g.count()).isGreaterThanOrEqualTo(5));
        assertThat(actual.hiddenGroups()).isEqualTo(all.size() - shown.size());
        assertThat(actual.hiddenCount()).isEqualTo(hiddenCount);
        assertThat(actual.hiddenCount() == 0 || actual.hiddenCount() >= 5).isTrue();
    }

    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
