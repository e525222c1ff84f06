package org.otklik.incident.queue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Each query is limited to incidents created by this class (createdFrom = the moment it started). */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffQueueTest {

    private static final String OPERATOR = TestTokens.operator();
    private String since;
    private final List<String> created = new ArrayList<>();
    private String pothole;
    private String heating;

    /** Once per class; not in @BeforeAll, which runs before the test HTTP port is known. */
    @BeforeEach
    void createIncidents() {
        if (since != null) {
            return;
        }
        since = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("queue"));
        pothole = Feedback.submitAs(citizen, Feedback.pothole());
        Map<String, Object> heat = Feedback.body("housing.heating", "В квартире холодно, батареи ледяные");
        heat.put("districtCode", "leninsky");
        heating = Feedback.submitAs(citizen, heat);
        Map<String, Object> yard = Feedback.body("landscaping.yards", "Сломаны качели на площадке");
        yard.put("districtCode", "leninsky");
        String swings = Feedback.submitAs(citizen, yard);
        Map<String, Object> gosuslugi = Feedback.body("housing.hot_water", "Нет горячей воды");
        gosuslugi.put("externalId", "POS-" + java.util.UUID.randomUUID());
        gosuslugi.put("citizenId", "100");
        String hotWater = Feedback.submit(TestTokens.integration("gosuslugi-pos"), gosuslugi).statusCode(201).extract().path("number");
        created.addAll(List.of(pothole, heating, swings, hotWater));
        Staff.accept(heating);
    }

    private RequestSpecification queue(String token) {
        return given().auth().oauth2(token).queryParam("createdFrom", since);
    }

    private List<String> numbers(RequestSpecification request) {
        return request.when().get("/api/v1/incidents").then().statusCode(200).extract().path("items.number");
    }

    @Test
    void operatorSeesEverythingNewestFirst() {
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(numbers(queue(OPERATOR))).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void executorSeesOnlyOwnOrganisation() {
        String heat = TestTokens.executor("rso.heat");
        queue(heat).when().get("/api/v1/incidents").then().statusCode(200)
                .body("items.organization.code", everyItem(equalTo("rso.heat")))
                .body("items.size()", equalTo(2));
        assertThat(numbers(queue(heat).queryParam("organization", "dep.roads"))).doesNotContain(pothole);
        assertThat(numbers(queue(TestTokens.executor("dep.roads")))).containsExactly(pothole);
    }

    @Test
    void filtersCombine() {
        assertThat(numbers(queue(OPERATOR).queryParam("status", "ASSIGNED"))).hasSize(2);
        assertThat(numbers(queue(OPERATOR).queryParam("status", "NEW,ASSIGNED"))).hasSize(4);
        assertThat(numbers(queue(OPERATOR).queryParam("category", "housing"))).hasSize(2);
        assertThat(numbers(queue(OPERATOR).queryParam("category", "housing.heating"))).containsExactly(heating);
        assertThat(numbers(queue(OPERATOR).queryParam("district", "leninsky"))).hasSize(2);
        assertThat(numbers(queue(OPERATOR).queryParam("organization", "dep.roads"))).containsExactly(pothole);
        assertThat(numbers(queue(OPERATOR).queryParam("channel", "GOSUSLUGI"))).hasSize(1);
        assertThat(numbers(queue(OPERATOR).queryParam("overdue", "true"))).isEmpty();
        assertThat(numbers(queue(OPERATOR).queryParam("overdue", "false"))).hasSize(4);
        assertThat(numbers(queue(OPERATOR).queryParam("createdTo", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString())))
                .hasSize(4);
        assertThat(numbers(queue(OPERATOR).queryParam("district", "leninsky").queryParam("category", "landscaping"))).hasSize(1);
    }

    @Test
    void fullTextSearchStemsRussian() {
        assertThat(numbers(queue(OPERATOR).queryParam("q", "ямой"))).containsExactly(pothole);
        assertThat(numbers(queue(OPERATOR).queryParam("q", "холодные батареи"))).containsExactly(heating);
        assertThat(numbers(queue(OPERATOR).queryParam("q", "трамвай"))).isEmpty();
    }

    @Test
    void countsPerStatusIgnoreOnlyTheStatusFilter() {
        queue(OPERATOR).queryParam("status", "NEW").when().get("/api/v1/incidents").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("counts.NEW", equalTo(2))
                .body("counts.ASSIGNED", equalTo(2));
    }

    /** Walks the queue in the given order one item a page, collecting the numbers and the sort keys at {@code keyPath}. */
    private void walk(String sort, String keyPath, List<String> numbers, List<Object> keys) {
        String cursor = null;
        do {
            RequestSpecification request = queue(OPERATOR).queryParam("sort", sort).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/incidents").then().statusCode(200).extract();
            numbers.addAll(page.path("items.number"));
            keys.addAll(page.<List<Object>>path(keyPath));
            cursor = page.path("nextCursor");
        } while (cursor != null);
    }

    @Test
    void pagingByDeadlineWalksEverythingOnce() {
        List<String> seen = new ArrayList<>();
        List<Object> due = new ArrayList<>();
        walk("resolutionDue", "items.resolutionDue", seen, due);
        List<Instant> deadlines = due.stream().map(d -> OffsetDateTime.parse((String) d).toInstant()).toList();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(deadlines).isSorted();
    }

    @Test
    void pagingByMostSupportedWalksEverythingOnceAndStatusShowsTheCount() {
        String swings = created.get(2);
        String hotWater = created.get(3);
        for (String number : List.of(heating, heating, swings)) {
            given().auth().oauth2(TestTokens.citizen(Feedback.uniqueSubject("queue-me-too")))
                    .when().post("/api/v1/incidents/" + number + "/supporters").then().statusCode(200);
        }
        List<String> seen = new ArrayList<>();
        List<Object> counts = new ArrayList<>();
        walk("supporters", "items.supporters", seen, counts);
        assertThat(seen).containsExactly(heating, swings, hotWater, pothole);
        assertThat(counts).containsExactly(2, 1, 0, 0);
        given().when().get("/api/v1/incidents/" + heating + "/status").then().statusCode(200).body("supporters", equalTo(2));

        String byDate = queue(OPERATOR).queryParam("limit", 1).when().get("/api/v1/incidents").then().statusCode(200)
                .extract().path("nextCursor");
        queue(OPERATOR).queryParam("sort", "supporters").queryParam("cursor", byDate).when().get("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badParametersAre400() {
        for (Map<String, String> bad : List.of(Map.of("sort", "priority"), Map.of("overdue", "maybe"), Map.of("channel", "FAX"),
                Map.of("createdFrom", "yesterday"), Map.of("status", "LOST"), Map.of("category", "nope"),
                Map.of("district", "atlantis"), Map.of("limit", "101"), Map.of("cursor", "%%%"),
                Map.of("createdFrom", "2026-11-02T00:00:00Z", "createdTo", "2026-11-01T00:00:00Z"))) {
            given().auth().oauth2(OPERATOR).queryParams(bad).when().get("/api/v1/incidents")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }
}
