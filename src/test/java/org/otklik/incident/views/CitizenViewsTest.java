package org.otklik.incident.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CitizenViewsTest {

    @Test
    void publicStatusShowsNoPersonalData() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("author")), Feedback.pothole());
        String body = given().when().get("/api/v1/incidents/" + number + "/status")
                .then().statusCode(200)
                .body("number", equalTo(number))
                .body("status", equalTo("NEW"))
                .body("category.code", equalTo("roads.potholes"))
                .body("district.code", equalTo("oktyabrsky"))
                .body("organization.code", equalTo("dep.roads"))
                .body("overdue", equalTo(false))
                .body("resolution", nullValue())
                .body("answeredAt", nullValue())
                .body("firstResponseDue", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain("author", "+7 900", "resident@example.org", "Московское шоссе, 41", "53.2201",
                "contact", "externalId", "Огромная яма");
    }

    @Test
    void publicStatusOfAnAnsweredIncidentHoldsNoneOfItsWords() {
        String message = "Прорвало трубу в подвале, течёт вода";
        String interim = "Бригада Сидорова приедет завтра утром";
        String note = "Позвонить Марине Петровне насчёт доступа";
        String answer = "Уважаемая Анна Ивановна, трубу заменили, квартира 17 осмотрена, телефон мастера 89270001122";
        Map<String, Object> submission = Feedback.pothole();
        submission.put("text", message);
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("author")), submission);
        Staff.accept(number);
        String roads = TestTokens.executor("dep.roads");
        Staff.act(roads, number, "interim-answer", Map.of("text", interim,
                "plannedDate", java.time.LocalDate.now().plusDays(2).toString())).statusCode(200);
        Staff.act(roads, number, "notes", Map.of("text", note)).statusCode(200);
        Staff.act(roads, number, "answer", Map.of("text", answer, "resolution", "FIXED")).statusCode(200);

        String body = given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200)
                .body("status", equalTo("ANSWERED"))
                .body("resolution", equalTo("FIXED"))
                .body("answeredAt", notNullValue())
                .extract().asString();
        for (String text : List.of(message, interim, note, answer)) {
            for (String word : text.split("[\\s,.]+")) {
                if (word.length() >= 3) {
                    assertThat(body).as("the public status must not contain '%s'", word).doesNotContain(word);
                }
            }
        }
    }

    @Test
    void gosuslugiIdsStayOutOfThePublicStatus() {
        Map<String, Object> body = Feedback.body("housing.heating", "Холодно");
        String externalId = "POS-" + UUID.randomUUID();
        body.put("externalId", externalId);
        body.put("citizenId", "1000555777");
        String number = Feedback.submit(TestTokens.integration("gosuslugi-pos"), body).statusCode(201).extract().path("number");
        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200)
                .body(not(containsString(externalId)))
                .body(not(containsString("1000555777")));
    }

    @Test
    void unknownNumberIs404() {
        given().when().get("/api/v1/incidents/0000-000000/status").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/incidents/%27%3B%20drop%20table/status").then().statusCode(404);
    }

    @Test
    void authorSeesOwnIncidentWithPublicTimeline() {
        String subject = Feedback.uniqueSubject("author");
        String token = TestTokens.citizen(subject);
        String number = Feedback.submitAs(token, Feedback.pothole());
        given().auth().oauth2(token).when().get("/api/v1/me/incidents/" + number)
                .then().statusCode(200)
                .body("number", equalTo(number))
                .body("text", equalTo("Огромная яма на Московском шоссе у дома 41"))
                .body("address", equalTo("Московское шоссе, 41"))
                .body("organization.code", equalTo("dep.roads"))
                .body("timeline.size()", equalTo(1))
                .body("timeline[0].type", equalTo("SUBMITTED"))
                .body("timeline[0].status", equalTo("NEW"));
    }

    @Test
    void anotherCitizensIncidentIsNotFound() {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("owner")), Feedback.pothole());
        given().auth().oauth2(TestTokens.citizen(Feedback.uniqueSubject("stranger")))
                .when().get("/api/v1/me/incidents/" + number)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void myIncidentsArePagedNewestFirst() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("pager"));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(Feedback.submitAs(token, Feedback.body("other", "Сообщение " + i)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/me/incidents").then().statusCode(200).extract();
            List<String> items = page.path("items.number");
            assertThat(items.size()).isLessThanOrEqualTo(2);
            seen.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(numbers);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void myIncidentsFilterByStatus() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("filter"));
        Feedback.submitAs(token, Feedback.pothole());
        given().auth().oauth2(token).queryParam("status", "NEW").when().get("/api/v1/me/incidents")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].status", equalTo("NEW"));
        given().auth().oauth2(token).queryParam("status", "ANSWERED,CLOSED").when().get("/api/v1/me/incidents")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(token).queryParam("status", "LOST").when().get("/api/v1/me/incidents")
                .then().statusCode(400).body("errors[0].parameter", equalTo("status"));
    }

    @Test
    void badPagingParametersAre400() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("paging"));
        given().auth().oauth2(token).queryParam("limit", 101).when().get("/api/v1/me/incidents")
                .then().statusCode(400).body("errors.parameter", hasItem("limit"));
        given().auth().oauth2(token).queryParam("limit", 0).when().get("/api/v1/me/incidents")
                .then().statusCode(400);
        given().auth().oauth2(token).queryParam("cursor", "garbage!").when().get("/api/v1/me/incidents")
                .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "operator", "executor", "analyst", "admin", "integration" })
    void onlyCitizensHaveOwnIncidents(String role) {
        given().auth().oauth2(TestTokens.forRole(role)).when().get("/api/v1/me/incidents")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole(role)).when().get("/api/v1/me/incidents/0000-000001")
                .then().statusCode(403);
    }

    @Test
    void anonymousMayReadStatusButNotOwnIncidents() {
        given().when().get("/api/v1/me/incidents").then().statusCode(401);
        given().when().get("/api/v1/me/incidents/0000-000001").then().statusCode(401);
    }
}
