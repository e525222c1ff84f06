package org.otklik.location;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class DistrictBoundariesTest {

    private static final String ADMIN_PATH = "/api/v1/admin/districts/boundaries";
    private static final String PUBLIC_PATH = "/api/v1/districts/boundaries";

    private static void loadGrid() {
        given().auth().oauth2(TestTokens.admin()).contentType("application/geo+json")
                .body(TestBoundaries.collection(TestBoundaries.gridFeatures()))
                .when().put(ADMIN_PATH).then().statusCode(204);
    }

    @Test
    void anAdminReplacesTheBoundariesAndAnyoneReadsThem() {
        loadGrid();
        String etag = given().when().get(PUBLIC_PATH).then().statusCode(200).contentType("application/geo+json")
                .body("type", equalTo("FeatureCollection"))
                .body("features", hasSize(9))
                .body("features.find { it.properties.district == 'leninsky' }.geometry.coordinates", hasSize(2))
                .body("features[0].properties.approximate", equalTo(true))
                .extract().header("ETag");
        given().header("If-None-Match", etag).when().get(PUBLIC_PATH).then().statusCode(304);
    }

    @Test
    void aBadFeatureIsRefusedNamingItAndNothingChanges() {
        loadGrid();
        String before = given().when().get(PUBLIC_PATH).then().statusCode(200).extract().asString();
        List<Map<String, Object>> features = new ArrayList<>(TestBoundaries.gridFeatures());
        List<List<Double>> bowTie = List.of(List.of(10.0, 20.0), List.of(10.01, 20.01), List.of(10.01, 20.0),
                List.of(10.0, 20.01), List.of(10.0, 20.0));
        features.set(5, TestBoundaries.feature("oktyabrsky", TestBoundaries.polygon(bowTie)));
        features.set(8, TestBoundaries.feature("sovetsky", TestBoundaries.polygon(TestBoundaries.square(11.0, 21.0, 0.5))));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(TestBoundaries.collection(features))
                .when().put(ADMIN_PATH).then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("Feature 5 (district oktyabrsky) has a self-intersecting ring"))
                .body("errors[0].pointer", equalTo("/features/5/geometry/coordinates/0/2"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("type", "FeatureCollection", "features", TestBoundaries.gridFeatures().subList(0, 8)))
                .when().put(ADMIN_PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/features"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"type\":")
                .when().put(ADMIN_PATH).then().statusCode(400).contentType("application/problem+json");
        String after = given().when().get(PUBLIC_PATH).then().statusCode(200).extract().asString();
        assertThat(after).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "citizen", "operator", "executor", "analyst", "integration" })
    void onlyAdminsMayReplaceBoundaries(String role) {
        given().auth().oauth2(TestTokens.forRole(role)).contentType(ContentType.JSON)
                .body(TestBoundaries.collection(TestBoundaries.gridFeatures()))
                .when().put(ADMIN_PATH).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anonymousCallersMayNotReplaceBoundaries() {
        given().contentType(ContentType.JSON).body(TestBoundaries.collection(TestBoundaries.gridFeatures()))
                .when().put(ADMIN_PATH).then().statusCode(401).contentType("application/problem+json");
    }
}
