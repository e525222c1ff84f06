package org.otklik.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WorkflowAccessTest {

    private static final List<String> ACTIONS = List.of("moderation", "assignment", "progress", "interim-answer", "answer",
            "merge", "notes", "close");
    private static final Map<String, Object> ANY_BODY = Map.of("text", "x");

    private static String accepted() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("access")), Feedback.pothole());
        Staff.accept(number);
        return number;
    }

    @Test
    void executorOfAnotherOrganisationGets404Everywhere() {
        String number = accepted();
        String stranger = TestTokens.executor("rso.water");
        Staff.detail(stranger, number).statusCode(404).contentType("application/problem+json");
        Staff.act(stranger, number, "progress").statusCode(404);
        Staff.act(stranger, number, "notes", Map.of("text", "hello")).statusCode(404);
        Staff.act(stranger, number, "answer", Map.of("text", "x", "resolution", "FIXED")).statusCode(404);
        Staff.act(stranger, number, "interim-answer", Map.of("text", "x", "plannedDate", "2099-01-01")).statusCode(400);
        Staff.act(stranger, number, "assignment", Map.of("reason", "x")).statusCode(404);
        Staff.detail(TestTokens.executor("dep.roads"), number).statusCode(200);
    }

    @Test
    void executorMayNotModerateMergeOrClose() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("exec")), Feedback.pothole());
        String roads = TestTokens.executor("dep.roads");
        Staff.act(roads, number, "moderation", Map.of("decision", "ACCEPT")).statusCode(403);
        Staff.act(roads, number, "merge", Map.of("intoNumber", number)).statusCode(403);
        Staff.act(roads, number, "close").statusCode(403);
    }

    @Test
    void executorWithoutOrganisationIsRefused() {
        String token = TestTokens.sign(TestTokens.claims("executor-no-org", "executor"));
        given().auth().oauth2(token).when().get("/api/v1/incidents").then().statusCode(403);
        Staff.detail(token, accepted()).statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "citizen", "analyst", "admin", "integration" })
    void nonStaffRolesAreForbidden(String role) {
        String number = accepted();
        String token = TestTokens.forRole(role);
        given().auth().oauth2(token).when().get("/api/v1/incidents").then().statusCode(403)
                .contentType("application/problem+json");
        Staff.detail(token, number).statusCode(403);
        for (String action : ACTIONS) {
            Staff.act(token, number, action, ANY_BODY).statusCode(403);
        }
    }

    @Test
    void anonymousGets401() {
        String number = accepted();
        given().when().get("/api/v1/incidents").then().statusCode(401);
        given().when().get("/api/v1/incidents/" + number).then().statusCode(401);
        for (String action : ACTIONS) {
            given().contentType("application/json").body(ANY_BODY).when().post("/api/v1/incidents/" + number + "/" + action)
                    .then().statusCode(401);
        }
        given().contentType("application/json").body(Map.of("accepted", true))
                .when().post("/api/v1/me/incidents/" + number + "/rating").then().statusCode(401);
    }

    @Test
    void onlyTheAuthorMayRate() {
        String author = TestTokens.citizen(Feedback.uniqueSubject("author"));
        String number = Feedback.submitAs(author, Feedback.pothole());
        Staff.accept(number);
        Staff.answer(TestTokens.executor("dep.roads"), number, "Готово");
        given().auth().oauth2(TestTokens.citizen(Feedback.uniqueSubject("other"))).contentType("application/json")
                .body(Map.of("accepted", true)).when().post("/api/v1/me/incidents/" + number + "/rating")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body(Map.of("accepted", true)).when().post("/api/v1/me/incidents/" + number + "/rating")
                .then().statusCode(403);
        given().auth().oauth2(author).contentType("application/json").body(Map.of("accepted", "yes"))
                .when().post("/api/v1/me/incidents/" + number + "/rating").then().statusCode(400);
    }

    @Test
    void unknownIncidentIs404ForStaff() {
        Staff.detail(TestTokens.operator(), "0000-000000").statusCode(404);
        Staff.act(TestTokens.operator(), "0000-000000", "progress").statusCode(404);
    }

    @Test
    void noCitizenOrPublicViewLeaksStaffData() {
        String author = TestTokens.citizen(Feedback.uniqueSubject("leak"));
        String number = Feedback.submitAs(author, Feedback.pothole());
        Staff.act(TestTokens.operator(), number, "notes", Map.of("text", "ВНУТРЕННЕЕ")).statusCode(200);
        Staff.act(TestTokens.operator(), number, "assignment", Map.of("organizationCode", "adm.leninsky", "reason", "ПРИЧИНА-ПЕРЕДАЧИ"))
                .statusCode(200);
        String publicStatus = given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200)
                .extract().asString();
        String own = given().auth().oauth2(author).when().get("/api/v1/me/incidents/" + number).then().statusCode(200)
                .body("timeline.type", org.hamcrest.Matchers.hasItem("TRANSFERRED"))
                .extract().asString();
        for (String body : List.of(publicStatus, own)) {
            org.assertj.core.api.Assertions.assertThat(body).doesNotContain("ВНУТРЕННЕЕ", "ПРИЧИНА-ПЕРЕДАЧИ", "operator-1",
                    "actorSubject");
        }
        org.assertj.core.api.Assertions.assertThat(publicStatus).doesNotContain("+7 900", "resident@example.org");
        given().when().get("/api/v1/incidents/" + number + "/status").then().body("organization.code", equalTo("adm.leninsky"));
    }
}
