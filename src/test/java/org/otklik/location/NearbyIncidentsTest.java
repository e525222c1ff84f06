package org.otklik.location;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class NearbyIncidentsTest {

    /** A corner of the city no other test submits to. */
    static final double LAT = 53.2871;
    static final double LON = 50.2633;
    /** One metre of latitude in degrees. */
    static final double METRE = 1 / 111_195.0;

    private static String here;
    private static String north100;
    private static String north400;
    private static String otherTopic;
    private static String rejected;

    static String submitAt(String category, double lat, double lon) {
        Map<String, Object> body = Feedback.body(category, "Не горит фонарь у подъезда, вечером темно");
        body.put("location", Map.of("lat", lat, "lon", lon));
        return Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("nearby")), body);
    }

    @BeforeEach
    void incidentsAroundTheCorner() {
        if (here == null) {
            here = submitAt("landscaping.lighting", LAT + 20 * METRE, LON);
            north100 = submitAt("landscaping.lighting", LAT + 100 * METRE, LON);
            north400 = submitAt("landscaping.lighting", LAT + 400 * METRE, LON);
            otherTopic = submitAt("roads.potholes", LAT, LON);
            rejected = submitAt("landscaping.lighting", LAT, LON);
            Staff.act(TestTokens.operator(), rejected, "moderation", Map.of("decision", "REJECT", "reason", "SPAM"))
                    .statusCode(200);
        }
    }

    private static ValidatableResponse nearby(Map<String, ?> query) {
        return given().queryParams(query).when().get("/api/v1/incidents/nearby").then();
    }

    @Test
    void openIncidentsOfTheTopicWithinTheRadiusNearestFirstForAnyone() {
        ValidatableResponse response = nearby(Map.of("lat", LAT, "lon", LON, "category", "landscaping.lighting"))
                .statusCode(200).body("radius", equalTo(150));
        List<String> numbers = response.extract().jsonPath().getList("items.number");
        assertThat(numbers).containsExactly(here, north100);
        List<Map<String, Object>> items = response.extract().jsonPath().getList("items");
        assertThat(items.get(0)).containsOnlyKeys("number", "status", "distance", "createdAt", "supporters")
                .containsEntry("status", "NEW").containsEntry("supporters", 0);
        assertThat((Integer) items.get(1).get("distance")).isBetween(60, 150).matches(d -> d % 10 == 0, "tens of metres");
        assertThat(response.extract().asString()).doesNotContain("фонарь", "nearby-");
    }

    @Test
    void aLargerRadiusFindsMoreAndTheParentTopicCounts() {
        List<String> numbers = nearby(Map.of("lat", LAT, "lon", LON, "category", "landscaping", "radius", 500))
                .statusCode(200).extract().jsonPath().getList("items.number");
        assertThat(numbers).containsExactly(here, north100, north400).doesNotContain(otherTopic, rejected);
        List<String> potholes = nearby(Map.of("lat", LAT, "lon", LON, "category", "roads.potholes", "radius", 50))
                .statusCode(200).extract().jsonPath().getList("items.number");
        assertThat(potholes).containsExactly(otherTopic);
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        record Case(Map<String, ?> query, String parameter) {
        }
        for (Case bad : List.of(
                new Case(Map.of("lon", LON, "category", "roads.potholes"), "lat"),
                new Case(Map.of("lat", "north", "lon", LON, "category", "roads.potholes"), "lat"),
                new Case(Map.of("lat", LAT, "lon", 181, "category", "roads.potholes"), "lon"),
                new Case(Map.of("lat", LAT, "lon", LON), "category"),
                new Case(Map.of("lat", LAT, "lon", LON, "category", "no.such"), "category"),
                new Case(Map.of("lat", LAT, "lon", LON, "category", "roads.potholes", "radius", 501), "radius"),
                new Case(Map.of("lat", LAT, "lon", LON, "category", "roads.potholes", "radius", "1.5"), "radius"))) {
            nearby(bad.query()).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].parameter", equalTo(bad.parameter()));
        }
    }
}
