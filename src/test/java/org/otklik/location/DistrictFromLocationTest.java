package org.otklik.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Intake takes the district from the point. The tests' grid lies in the city's north-east corner, where no
 * other test submits: 0.02° cells from (lon 50.36, lat 53.37), Leninsky's hole spanning 50.384–50.396 by
 * 53.394–53.406 (its centre about 400 m from Leninsky).
 */
@QuarkusTest
class DistrictFromLocationTest {

    static final double LON0 = 50.36;
    static final double LAT0 = 53.37;
    static final double CELL = 0.02;

    @BeforeEach
    void loadTheGrid() {
        given().auth().oauth2(TestTokens.admin()).contentType("application/geo+json")
                .body(TestBoundaries.collection(TestBoundaries.gridFeatures(LON0, LAT0, CELL)))
                .when().put("/api/v1/admin/districts/boundaries").then().statusCode(204);
    }

    private static ValidatableResponse sidewalkAt(Double lat, Double lon, String district) {
        Map<String, Object> body = Feedback.body("roads.sidewalks", "Разбит тротуар у остановки");
        if (lat != null) {
            body.put("location", Map.of("lat", lat, "lon", lon));
        }
        if (district != null) {
            body.put("districtCode", district);
        }
        return Feedback.submit(TestTokens.citizen(Feedback.uniqueSubject("district")), body).statusCode(201);
    }

    @Test
    void aPointInsideADistrictGivesThatDistrictAndItsAdministration() {
        String number = sidewalkAt(53.375, 50.365, null)
                .body("district.code", equalTo("zheleznodorozhny"))
                .body("districtSource", equalTo("LOCATION"))
                .body("organization.code", equalTo("adm.zheleznodorozhny"))
                .extract().path("number");
        Staff.detail(TestTokens.operator(), number).statusCode(200).body("district.code", equalTo("zheleznodorozhny"));
    }

    @Test
    void aPointOnASharedBorderGoesToOneOfTheTwoDistricts() {
        sidewalkAt(53.38, 50.38, null).body("district.code", equalTo("kirovsky")).body("districtSource", equalTo("LOCATION"));
    }

    @Test
    void aPointInAHoleIsInNoDistrictUnlessABorderIsNear() {
        sidewalkAt(53.40, 50.39, null).body("district", nullValue()).body("districtSource", equalTo("NONE"))
                .body("organization.code", equalTo("mcu"));
        sidewalkAt(53.40, 50.385, null).body("district.code", equalTo("leninsky")).body("districtSource", equalTo("LOCATION"));
    }

    @Test
    void aPointOutsideEveryDistrictTakesTheNearestWithin200MetresOnly() {
        sidewalkAt(53.4305, 50.37, null).body("district.code", equalTo("promyshlenny")).body("districtSource", equalTo("LOCATION"));
        sidewalkAt(53.44, 50.44, null).body("district", nullValue()).body("districtSource", equalTo("NONE"));
    }

    @Test
    void aGivenDistrictWinsAndNoPointMeansNone() {
        sidewalkAt(53.375, 50.365, "sovetsky").body("district.code", equalTo("sovetsky")).body("districtSource", equalTo("GIVEN"));
        sidewalkAt(null, null, null).body("district", nullValue()).body("districtSource", equalTo("NONE"));
    }

    @Test
    void gosuslugiMessagesWithAPointTakeTheDistrictToo() {
        Map<String, Object> body = Feedback.body("roads.sidewalks", "Разбит тротуар у школы");
        body.put("location", Map.of("lat", 53.395, "lon", 50.37));
        body.put("externalId", "POS-" + UUID.randomUUID());
        body.put("citizenId", "1000123456");
        String token = TestTokens.integration("gosuslugi-pos");
        String number = Feedback.submit(token, body).statusCode(201)
                .body("district.code", equalTo("kuibyshevsky")).body("districtSource", equalTo("LOCATION"))
                .extract().path("number");
        Feedback.submit(token, body).statusCode(200).body("number", equalTo(number))
                .body("districtSource", equalTo("LOCATION"));
    }

    @Test
    void open311RequestsWithAPointTakeTheDistrictAndTheNoticeSaysSo() {
        String key = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("name", "Карта района")).when().post("/api/v1/admin/open311-keys")
                .then().statusCode(201).extract().path("apiKey");
        String notice = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("api_key", key).formParam("service_code", "roads.sidewalks")
                .formParam("lat", "53.375").formParam("long", "50.385")
                .formParam("description", "Разбит тротуар у остановки")
                .post("/open311/v2/requests.json").then().statusCode(200)
                .extract().jsonPath().getString("[0].service_notice");
        org.assertj.core.api.Assertions.assertThat(notice).contains("Администрация Кировского района")
                .contains("Район по точке: Кировский");
    }

    @Test
    void anyoneMayAskTheDistrictOfAPointAndBadPointsAre400() {
        given().queryParams(Map.of("lat", 53.375, "lon", 50.365)).when().get("/api/v1/districts/locate").then().statusCode(200)
                .body("district.code", equalTo("zheleznodorozhny")).body("district.nameRu", equalTo("Железнодорожный"))
                .body("match", equalTo("INSIDE"));
        given().queryParams(Map.of("lat", 53.4305, "lon", 50.37)).when().get("/api/v1/districts/locate").then().statusCode(200)
                .body("district.code", equalTo("promyshlenny")).body("match", equalTo("NEAREST"));
        given().queryParams(Map.of("lat", 53.40, "lon", 50.39)).when().get("/api/v1/districts/locate").then().statusCode(200)
                .body("district", nullValue()).body("match", equalTo("NONE"));
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(Map.of("lat", 53.4), Map.of("lat", 91, "lon", 50),
                Map.of("lat", "north", "lon", 50))) {
            given().queryParams(bad).when().get("/api/v1/districts/locate").then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
