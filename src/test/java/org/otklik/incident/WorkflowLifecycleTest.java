package org.otklik.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class WorkflowLifecycleTest {

    private static final String OPERATOR = TestTokens.operator();
    private static final String ROADS = TestTokens.executor("dep.roads");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AutoCloseJob autoClose;

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Samara"));
    }

    @Test
    void fromSubmissionToAnAcceptedAnswer() {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("happy"));
        String number = Feedback.submitAs(citizen, Feedback.pothole());
        Staff.detail(OPERATOR, number).statusCode(200)
                .body("status", equalTo("NEW"))
                .body("channel", equalTo("WIDGET"))
                .body("contact.phone", equalTo("+7 900 123-45-67"))
                .body("firstRespondedAt", nullValue())
                .body("allowedActions", hasItems("moderation", "assignment", "merge", "notes"));

        Staff.act(OPERATOR, number, "moderation", Map.of("decision", "ACCEPT")).statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("firstRespondedAt", notNullValue());
        Staff.act(ROADS, number, "progress").statusCode(200).body("status", equalTo("IN_PROGRESS"));

        LocalDate planned = today().plusDays(40);
        String before = Staff.detail(ROADS, number).extract().path("resolutionDue");
        String after = Staff.act(ROADS, number, "interim-answer", Map.of("text", "Ремонт запланирован", "plannedDate", planned.toString()))
                .statusCode(200)
                .body("interimAnswer.plannedDate", equalTo(planned.toString()))
                .body("allowedActions", not(hasItem("interim-answer")))
                .extract().path("resolutionDue");
        assertThat(OffsetDateTime.parse(after)).isAfter(OffsetDateTime.parse(before));
        assertThat(OffsetDateTime.parse(after).toLocalDate()).isAfterOrEqualTo(planned);

        Staff.act(ROADS, number, "answer", Map.of("text", "Яма заделана", "resolution", "FIXED",
                "attachments", List.of("https://files.example.org/after.jpg"))).statusCode(200)
                .body("status", equalTo("ANSWERED"))
                .body("answer.resolution", equalTo("FIXED"))
                .body("answer.attachments[0]", equalTo("https://files.example.org/after.jpg"));

        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200)
                .body("status", equalTo("ANSWERED"))
                .body("resolution", equalTo("FIXED"))
                .body("$", not(org.hamcrest.Matchers.hasKey("answer")));
        given().auth().oauth2(citizen).when().get("/api/v1/me/incidents/" + number).then().statusCode(200)
                .body("timeline.type", equalTo(List.of("SUBMITTED", "ACCEPTED", "IN_PROGRESS", "INTERIM_ANSWER", "ANSWERED")))
                .body("timeline[3].comment", equalTo("Ремонт запланирован"));

        rate(citizen, number, Map.of("accepted", true)).statusCode(200).body("status", equalTo("CLOSED"));
        Staff.detail(OPERATOR, number).body("rating.accepted", equalTo(true)).body("allowedActions", equalTo(List.of("notes")));
        rate(citizen, number, Map.of("accepted", true)).statusCode(409);
    }

    private static io.restassured.response.ValidatableResponse rate(String token, String number, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/v1/me/incidents/" + number + "/rating").then();
    }

    @Test
    void rejectionNeedsAReasonAndEndsTheWork() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("spam")), Feedback.body("other", "Купите слона"));
        Staff.act(OPERATOR, number, "moderation", Map.of("decision", "REJECT")).statusCode(400)
                .body("errors[0].pointer", equalTo("/reason"));
        Staff.act(OPERATOR, number, "moderation", Map.of("decision", "REJECT", "reason", "SPAM", "comment", "реклама"))
                .statusCode(200).body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("SPAM"));
        Staff.act(OPERATOR, number, "progress").statusCode(409)
                .contentType("application/problem+json")
                .body("incidentStatus", equalTo("REJECTED"))
                .body("allowedActions", equalTo(List.of("notes")));
        Staff.act(OPERATOR, number, "moderation", Map.of("decision", "ACCEPT")).statusCode(409);
    }

    @Test
    void contestedAnswerReopensWithAShorterTerm() {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("contest"));
        String number = Feedback.submitAs(citizen, Feedback.pothole());
        Staff.accept(number);
        Staff.answer(ROADS, number, "Сделано");
        rate(citizen, number, Map.of("accepted", false)).statusCode(400).body("errors[0].pointer", equalTo("/comment"));
        rate(citizen, number, Map.of("accepted", false, "comment", "Яма на месте")).statusCode(200)
                .body("status", equalTo("REOPENED"))
                .body("timeline[-1].type", equalTo("REOPENED"))
                .body("timeline[-1].comment", equalTo("Яма на месте"));
        Staff.detail(ROADS, number).statusCode(200)
                .body("reopenCount", equalTo(1))
                .body("rating.accepted", equalTo(false))
                .body("allowedActions", hasItems("progress", "answer"));
        Staff.act(ROADS, number, "progress").statusCode(200).body("status", equalTo("IN_PROGRESS"));
        Staff.answer(ROADS, number, "Переделали");
        Staff.act(ROADS, number, "close").statusCode(403);
        Staff.act(OPERATOR, number, "close").statusCode(200).body("status", equalTo("CLOSED"));
    }

    @Test
    void operatorTransfersAndExecutorHandsBack() {
        Map<String, Object> body = Feedback.body("landscaping.yards", "Сломаны качели");
        body.put("districtCode", "leninsky");
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("transfer")), body);
        Staff.accept(number);
        Staff.act(OPERATOR, number, "assignment", Map.of("organizationCode", "adm.kirovsky", "reason", "Адрес в Кировском"))
                .statusCode(200).body("organization.code", equalTo("adm.kirovsky")).body("status", equalTo("ASSIGNED"));
        Staff.act(OPERATOR, number, "assignment", Map.of("organizationCode", "adm.kirovsky", "reason", "ещё раз")).statusCode(409);
        Staff.act(OPERATOR, number, "assignment", Map.of("organizationCode", "nowhere", "reason", "x")).statusCode(400)
                .body("errors[0].pointer", equalTo("/organizationCode"));
        Staff.act(OPERATOR, number, "assignment", Map.of("reason", "x")).statusCode(400);
        String kirovsky = TestTokens.executor("adm.kirovsky");
        Staff.act(kirovsky, number, "assignment", Map.of("organizationCode", "dep.roads", "reason", "дорога")).statusCode(403);
        Staff.act(kirovsky, number, "assignment", Map.of("reason", "Не наша территория")).statusCode(200)
                .body("organization.code", equalTo("mcu"))
                .body("timeline.type", hasItems("TRANSFERRED", "HANDED_BACK"))
                .body("timeline[-1].actorOrganization", equalTo("adm.kirovsky"));
        Staff.detail(kirovsky, number).statusCode(404);
        given().auth().oauth2(TestTokens.citizen("nobody")).when().get("/api/v1/incidents/" + number + "/status")
                .then().body("organization.code", equalTo("mcu"));
    }

    @Test
    void interimAnswerOnceAndWithinLimits() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("interim")), Feedback.pothole());
        Staff.accept(number);
        Staff.act(ROADS, number, "interim-answer", Map.of("text", "План", "plannedDate", today().toString())).statusCode(400)
                .body("errors[0].pointer", equalTo("/plannedDate"));
        Staff.act(ROADS, number, "interim-answer", Map.of("text", "План", "plannedDate", today().plusDays(400).toString()))
                .statusCode(400);
        Staff.act(ROADS, number, "interim-answer", Map.of("text", "План", "plannedDate", "завтра")).statusCode(400);
        Staff.act(ROADS, number, "interim-answer", Map.of("text", "План", "plannedDate", today().plusDays(3).toString()))
                .statusCode(200);
        Staff.act(ROADS, number, "interim-answer", Map.of("text", "Ещё план", "plannedDate", today().plusDays(5).toString()))
                .statusCode(409).body("detail", org.hamcrest.Matchers.containsString("only one"));
    }

    @Test
    void answersAreChecked() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("answer")), Feedback.pothole());
        Staff.accept(number);
        Staff.act(ROADS, number, "answer", Map.of("text", "Не наше", "resolution", "NOT_RESPONSIBLE")).statusCode(400)
                .body("errors[0].pointer", equalTo("/redirectedTo"));
        Staff.act(ROADS, number, "answer", Map.of("text", "Дубль", "resolution", "DUPLICATE")).statusCode(400);
        Staff.act(ROADS, number, "answer", Map.of("text", "x", "resolution", "FIXED", "redirectedTo", "Минздрав")).statusCode(400);
        Staff.act(ROADS, number, "answer", Map.of("text", "", "resolution", "FIXED")).statusCode(400);
        Staff.act(ROADS, number, "answer", Map.of("text", "Вопрос к области", "resolution", "NOT_RESPONSIBLE",
                "redirectedTo", "Министерство транспорта Самарской области")).statusCode(200)
                .body("answer.redirectedTo", equalTo("Министерство транспорта Самарской области"));
    }

    @Test
    void mergeFollowsTheMainIncidentWithoutChainsOrCycles() {
        String citizenA = TestTokens.citizen(Feedback.uniqueSubject("merge-a"));
        String citizenB = TestTokens.citizen(Feedback.uniqueSubject("merge-b"));
        String a = Feedback.submitAs(citizenA, Feedback.pothole());
        String b = Feedback.submitAs(citizenB, Feedback.pothole());
        String c = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("merge-c")), Feedback.pothole());
        String d = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("merge-d")), Feedback.pothole());
        String e = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("merge-e")), Feedback.pothole());
        Staff.accept(a);

        Staff.act(OPERATOR, b, "merge", Map.of("intoNumber", a)).statusCode(200)
                .body("status", equalTo("DUPLICATE")).body("duplicateOf", equalTo(a));
        Staff.act(OPERATOR, c, "merge", Map.of("intoNumber", b)).statusCode(200).body("duplicateOf", equalTo(a));
        Staff.act(OPERATOR, a, "merge", Map.of("intoNumber", b)).statusCode(409);
        Staff.act(OPERATOR, a, "merge", Map.of("intoNumber", a)).statusCode(409);
        Staff.act(OPERATOR, a, "merge", Map.of("intoNumber", "0000-000000")).statusCode(400);
        Staff.act(OPERATOR, e, "merge", Map.of("intoNumber", d)).statusCode(200);
        Staff.act(OPERATOR, d, "merge", Map.of("intoNumber", a)).statusCode(200);
        Staff.detail(OPERATOR, e).body("duplicateOf", equalTo(a));
        Staff.detail(OPERATOR, a).body("duplicates", containsInAnyOrder(b, c, d, e));
        Staff.act(ROADS, b, "merge", Map.of("intoNumber", a)).statusCode(403);

        given().when().get("/api/v1/incidents/" + b + "/status").then().statusCode(200)
                .body("status", equalTo("ASSIGNED")).body("mergedInto", equalTo(a));
        Staff.answer(ROADS, a, "Заделали все ямы у дома 41");
        given().when().get("/api/v1/incidents/" + b + "/status").then()
                .body("status", equalTo("ANSWERED")).body("resolution", equalTo("FIXED"));
        given().auth().oauth2(citizenB).when().get("/api/v1/me/incidents/" + b).then().statusCode(200)
                .body("timeline.type", hasItems("MERGED", "ANSWERED"))
                .body("answer.text", equalTo("Заделали все ямы у дома 41"));

        String closed = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("merge-f")), Feedback.pothole());
        Staff.act(OPERATOR, closed, "merge", Map.of("intoNumber", a)).statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("open"));
    }

    @Test
    void notesStayInternal() {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("notes"));
        String number = Feedback.submitAs(citizen, Feedback.pothole());
        int version = Staff.detail(OPERATOR, number).extract().path("version");
        Staff.act(OPERATOR, number, "notes", Map.of("text", "Секретная заметка оператора")).statusCode(200)
                .body("timeline[-1].type", equalTo("NOTE"))
                .body("timeline[-1].visibleToCitizen", equalTo(false))
                .body("version", equalTo(version));
        given().auth().oauth2(citizen).when().get("/api/v1/me/incidents/" + number).then().statusCode(200)
                .body(not(org.hamcrest.Matchers.containsString("Секретная")));
        given().when().get("/api/v1/incidents/" + number + "/status").then()
                .body(not(org.hamcrest.Matchers.containsString("Секретная")));
        Staff.act(OPERATOR, number, "notes", Map.of("text", " ")).statusCode(400);
    }

    @Test
    void staleIfMatchIs412() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("etag")), Feedback.pothole());
        String etag = Staff.detail(OPERATOR, number).statusCode(200).extract().header("ETag");
        String next = given().auth().oauth2(OPERATOR).header("If-Match", etag).contentType("application/json")
                .body(Map.of("decision", "ACCEPT")).when().post("/api/v1/incidents/" + number + "/moderation")
                .then().statusCode(200).extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        given().auth().oauth2(ROADS).header("If-Match", etag).when().post("/api/v1/incidents/" + number + "/progress")
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(ROADS).header("If-Match", next).when().post("/api/v1/incidents/" + number + "/progress")
                .then().statusCode(200);
    }

    @Test
    void everyActionWithoutIfMatchIs428AndChangesNothing() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("etag")), Feedback.pothole());
        String etag = Staff.currentTag(number);
        Map<String, Map<String, Object>> bodies = Map.of(
                "moderation", Map.of("decision", "ACCEPT"),
                "assignment", Map.of("organizationCode", "adm.kirovsky", "reason", "Адрес в Кировском районе"),
                "interim-answer", Map.of("text", "План", "plannedDate", today().plusDays(3).toString()),
                "answer", Map.of("text", "Готово", "resolution", "FIXED"),
                "merge", Map.of("intoNumber", number),
                "notes", Map.of("text", "Заметка"));
        for (String action : List.of("moderation", "assignment", "progress", "interim-answer", "answer", "merge", "notes",
                "close")) {
            for (String ifMatch : java.util.Arrays.asList(null, "", "*")) {
                var request = given().auth().oauth2(OPERATOR);
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                if (bodies.containsKey(action)) {
                    request.contentType("application/json").body(bodies.get(action));
                }
                request.when().post("/api/v1/incidents/" + number + "/" + action).then()
                        .statusCode(428).contentType("application/problem+json")
                        .body("type", equalTo("https://otklik.org/problems/precondition-required"))
                        .body("status", equalTo(428));
            }
        }
        assertThat(Staff.currentTag(number)).isEqualTo(etag);
        Staff.detail(OPERATOR, number).body("status", equalTo("NEW"));
    }

    @Test
    void illegalTransitionsAre409() {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("illegal"));
        String number = Feedback.submitAs(citizen, Feedback.pothole());
        Staff.act(OPERATOR, number, "progress").statusCode(409).body("allowedActions", hasItem("moderation"));
        Staff.act(OPERATOR, number, "answer", Map.of("text", "x", "resolution", "FIXED")).statusCode(409);
        Staff.act(OPERATOR, number, "close").statusCode(409);
        rate(citizen, number, Map.of("accepted", true)).statusCode(409);
        Staff.accept(number);
        Staff.act(OPERATOR, number, "moderation", Map.of("decision", "ACCEPT")).statusCode(409);
        Staff.act(OPERATOR, number, "close").statusCode(409);
        Staff.act(OPERATOR, number, "unknown-action").statusCode(404);
    }

    @Test
    void uncontestedAnswersCloseByThemselvesAndRatingsExpire() throws Throwable {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("auto"));
        String stale = Feedback.submitAs(citizen, Feedback.pothole());
        String fresh = Feedback.submitAs(citizen, Feedback.pothole());
        for (String number : List.of(stale, fresh)) {
            Staff.accept(number);
            Staff.answer(ROADS, number, "Готово");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update incident set answered_at = answered_at - interval '11 days' where number = ?")) {
            update.setString(1, stale);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        rate(citizen, stale, Map.of("accepted", false, "comment", "поздно")).statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("period"));
        Integer closed = VertxContextSupport.subscribeAndAwait(() -> autoClose.closeUncontestedAnswers());
        assertThat(closed).isGreaterThanOrEqualTo(1);
        Staff.detail(OPERATOR, stale).body("status", equalTo("CLOSED")).body("timeline[-1].actorRole", equalTo("system"));
        Staff.detail(OPERATOR, fresh).body("status", equalTo("ANSWERED"));
    }
}
