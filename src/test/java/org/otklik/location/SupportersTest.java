package org.otklik.location;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SupportersTest {

    private static ValidatableResponse support(String token, String number) {
        return given().auth().oauth2(token).when().post("/api/v1/incidents/" + number + "/supporters").then();
    }

    private static String incident() {
        return NearbyIncidentsTest.submitAt("landscaping.lighting", 53.2301, 50.2511);
    }

    @Test
    void fiftyParallelSupportsOfOneResidentCountOnce() throws Exception {
        String number = incident();
        String resident = TestTokens.citizen(Feedback.uniqueSubject("me-too"));
        List<Integer> statuses = Parallel.run(50, () -> given().auth().oauth2(resident)
                .when().post("/api/v1/incidents/" + number + "/supporters").statusCode());
        assertThat(statuses).containsOnly(200);
        support(resident, number).statusCode(200).body("supporters", equalTo(1));
        support(TestTokens.citizen(Feedback.uniqueSubject("me-too")), number).statusCode(200).body("supporters", equalTo(2));
        List<Map<String, Object>> nearby = given().queryParams(Map.of("lat", 53.2301, "lon", 50.2511,
                "category", "landscaping.lighting", "radius", 10)).when().get("/api/v1/incidents/nearby")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(nearby).filteredOn(item -> number.equals(item.get("number"))).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("supporters", 2));
    }

    @Test
    void supportsCountAsDemandInTheSummaryOnTheDayTheyWereGiven() {
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Samara")).toString();
        String number = incident();
        io.restassured.path.json.JsonPath before = summary(today);
        support(TestTokens.citizen(Feedback.uniqueSubject("me-too")), number).statusCode(200);
        support(TestTokens.citizen(Feedback.uniqueSubject("me-too")), number).statusCode(200);
        io.restassured.path.json.JsonPath after = summary(today);
        assertThat(after.getLong("supporters.total")).isEqualTo(before.getLong("supporters.total") + 2);
        assertThat(topicSupporters(after)).isEqualTo(topicSupporters(before) + 2);
        assertThat(after.getList("supporters.byOrganization.count", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(after.getLong("supporters.total"));
        assertThat(after.getLong("total.received")).as("a support is not an incident")
                .isEqualTo(before.getLong("total.received"));
        String csv = given().auth().oauth2(TestTokens.forRole("analyst")).accept("text/csv")
                .when().get("/api/v1/stats/summary?from=" + today + "&to=" + today)
                .then().statusCode(200).extract().asString();
        assertThat(csv).contains("\r\nподдержали;;").contains("\r\nподдержали_тема;landscaping;");
    }

    private static io.restassured.path.json.JsonPath summary(String day) {
        return given().auth().oauth2(TestTokens.forRole("analyst")).when()
                .get("/api/v1/stats/summary?from=" + day + "&to=" + day)
                .then().statusCode(200).extract().jsonPath();
    }

    private static long topicSupporters(io.restassured.path.json.JsonPath summary) {
        Object count = summary.get("supporters.byTopic.find { it.code == 'landscaping' }.count");
        return count == null ? 0 : ((Number) count).longValue();
    }

    @Test
    void unknownClosedAndOwnIncidentsAreRefused() {
        String resident = TestTokens.citizen(Feedback.uniqueSubject("me-too"));
        support(resident, "2611-999999").statusCode(404).contentType("application/problem+json");
        String rejected = incident();
        Staff.act(TestTokens.operator(), rejected, "moderation", Map.of("decision", "REJECT", "reason", "SPAM")).statusCode(200);
        support(resident, rejected).statusCode(409).contentType("application/problem+json");
        String author = TestTokens.citizen(Feedback.uniqueSubject("me-too-author"));
        Map<String, Object> body = Feedback.body("landscaping.lighting", "Не горит фонарь");
        String own = Feedback.submitAs(author, body);
        support(author, own).statusCode(409).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "operator", "executor", "analyst", "admin", "integration" })
    void onlyCitizensSupport(String role) {
        String number = incident();
        support(TestTokens.forRole(role), number).statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anonymousCallersMayNotSupport() {
        given().when().post("/api/v1/incidents/2611-000001/supporters").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
