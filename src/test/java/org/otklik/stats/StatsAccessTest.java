package org.otklik.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(StatsTestProfile.class)
class StatsAccessTest {

    private static final String[] STAFF_REPORTS = { "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29",
            "/api/v1/stats/monthly?year=2020", "/api/v1/stats/monthly/chart.svg?year=2020" };

    @ParameterizedTest
    @ValueSource(strings = { "analyst", "operator" })
    void analystsAndOperatorsReadEveryReport(String role) {
        for (String report : STAFF_REPORTS) {
            given().auth().oauth2(TestTokens.forRole(role)).when().get(report).then().statusCode(200);
            given().auth().oauth2(TestTokens.forRole(role)).accept("text/csv").when().get(report.replace("/chart.svg", ""))
                    .then().statusCode(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "citizen", "executor", "integration", "admin" })
    void otherRolesAreForbidden(String role) {
        for (String report : STAFF_REPORTS) {
            given().auth().oauth2(TestTokens.forRole(role)).when().get(report)
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29", "/api/v1/stats/monthly?year=2020",
            "/api/v1/stats/monthly/chart.svg?year=2020" })
    void anonymousCallersMustAuthenticate(String report) {
        given().when().get(report).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "citizen", "admin" })
    void openDataIsForEveryone(String role) {
        var request = given();
        if (!role.isEmpty()) {
            request.auth().oauth2(TestTokens.forRole(role));
        }
        request.when().get("/api/v1/stats/public?month=2020-02").then().statusCode(200)
                .body("month", equalTo("2020-02"));
        given().when().get("/api/v1/stats/public").then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/stats/summary?from=2020-03-01&to=2020-02-01 | from",
            "/api/v1/stats/summary?from=2020-01-01&to=2021-01-01 | to",
            "/api/v1/stats/summary?from=2019-01-01&to=2020-12-31 | to",
            "/api/v1/stats/summary?from=2020-02-30&to=2020-03-01 | from",
            "/api/v1/stats/summary?from=20200201&to=2020-03-01 | from",
            "/api/v1/stats/summary?from=2020-02-01&to=tomorrow | to",
            "/api/v1/stats/summary?from=1900-01-01&to=1900-01-02 | from",
            "/api/v1/stats/summary?from=+10000-01-01&to=2020-01-01 | from",
            "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29&top=0 | top",
            "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29&top=26 | top",
            "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29&top=-1 | top",
            "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29&top=five | top",
            "/api/v1/stats/summary?from=2020-02-01&to=2020-02-29&top=99999999999 | top",
            "/api/v1/stats/monthly?year=20 | year",
            "/api/v1/stats/monthly?year=1999 | year",
            "/api/v1/stats/monthly?year=2020-01 | year",
            "/api/v1/stats/monthly?year=abcd | year",
            "/api/v1/stats/monthly/chart.svg?year=99999 | year",
            "/api/v1/stats/public?month=2020-13 | month",
            "/api/v1/stats/public?month=2020-2 | month",
            "/api/v1/stats/public?month=2020 | month",
            "/api/v1/stats/public?month=2999-01 | month",
            "/api/v1/stats/public?month=02-2020 | month" })
    void badParametersAre400Problems(String path, String parameter) {
        var request = given().urlEncodingEnabled(true);
        if (!path.contains("/public")) {
            request.auth().oauth2(TestTokens.analyst());
        }
        request.when().get(path.replace("+", "%2B"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/bad-parameter"))
                .body("errors[0].parameter", equalTo(parameter));
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/csv", "application/json" })
    void badParametersAreProblemsWhateverTheAcceptHeader(String accept) {
        given().auth().oauth2(TestTokens.analyst()).accept(accept)
                .when().get("/api/v1/stats/summary?from=2020-03-01&to=2020-02-01")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
