package org.otklik.location;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class IncidentMapTest {

    private static final String PATH = "/api/v1/map/incidents.geojson";
    /** A box of its own: no other test submits here. */
    private static final String BOX = "50.3101,53.3401,50.3199,53.3499";

    private static String open;
    private static String rejected;

    @BeforeEach
    void incidentsInTheBox() {
        if (open == null) {
            open = NearbyIncidentsTest.submitAt("roads.potholes", 53.34567, 50.31234);
            rejected = NearbyIncidentsTest.submitAt("roads.potholes", 53.3456, 50.3123);
            Staff.act(TestTokens.operator(), rejected, "moderation", Map.of("decision", "REJECT", "reason", "SPAM"))
                    .statusCode(200);
        }
    }

    private static ValidatableResponse map(Map<String, ?> query) {
        return given().queryParams(query).when().get(PATH).then();
    }

    @Test
    void openIncidentsAsRoundedGeoJsonPointsWithoutFreeText() {
        ValidatableResponse response = map(Map.of("bbox", BOX)).statusCode(200).contentType("application/geo+json")
                .body("type", equalTo("FeatureCollection"));
        String body = response.extract().asString();
        JsonPath json = JsonPath.from(body);
        List<Map<String, Object>> features = json.getList("features");
        assertThat(features).hasSize(1);
        Map<String, Object> feature = features.get(0);
        assertThat(feature).containsOnlyKeys("type", "geometry", "properties").containsEntry("type", "Feature");
        assertThat(json.getMap("features[0].properties")).containsOnlyKeys("number", "category", "status", "supporters")
                .containsEntry("number", open).containsEntry("category", "roads.potholes").containsEntry("status", "NEW");
        assertThat(json.getString("features[0].geometry.type")).isEqualTo("Point");
        List<Float> coordinates = json.getList("features[0].geometry.coordinates");
        assertThat(coordinates).hasSize(2);
        assertThat(body).contains("[50.312,53.346]").doesNotContain("50.31234", "53.34567", "фонарь", "nearby-");
    }

    @Test
    void filtersAndConditionalRequests() {
        assertThat(map(Map.of("bbox", BOX, "category", "roads")).statusCode(200).extract().jsonPath().getList("features"))
                .hasSize(1);
        assertThat(map(Map.of("bbox", BOX, "category", "housing")).statusCode(200).extract().jsonPath().getList("features"))
                .isEmpty();
        assertThat(map(Map.of("bbox", BOX, "status", "ANSWERED,CLOSED")).statusCode(200).extract().jsonPath()
                .getList("features")).isEmpty();
        String etag = map(Map.of("bbox", BOX)).statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).queryParam("bbox", BOX).when().get(PATH).then().statusCode(304);
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        record Case(Map<String, ?> query, String parameter) {
        }
        for (Case bad : List.of(new Case(Map.of(), "bbox"), new Case(Map.of("bbox", "50.3,53.3,50.4"), "bbox"),
                new Case(Map.of("bbox", "50.4,53.3,50.3,53.4"), "bbox"), new Case(Map.of("bbox", "49,53,51,54"), "bbox"),
                new Case(Map.of("bbox", "a,53.3,50.4,53.4"), "bbox"), new Case(Map.of("bbox", BOX, "status", "REJECTED"), "status"),
                new Case(Map.of("bbox", BOX, "category", "no.such"), "category"))) {
            map(bad.query()).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].parameter", equalTo(bad.parameter()));
        }
    }
}
