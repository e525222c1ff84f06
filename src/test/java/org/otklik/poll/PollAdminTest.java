package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.otklik.poll.PollFixtures.ADMIN;
import static org.otklik.poll.PollFixtures.admin;
import static org.otklik.poll.PollFixtures.create;
import static org.otklik.poll.PollFixtures.createDraft;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.option;
import static org.otklik.poll.PollFixtures.text;
import static org.otklik.poll.PollFixtures.with;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class PollAdminTest {

    private static ValidatableResponse put(UUID id, Object body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/admin/polls/" + id).then();
    }

    private static ValidatableResponse extend(UUID id, OffsetDateTime closesAt) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("closesAt", closesAt.toString()))
                .when().post("/api/v1/admin/polls/" + id + "/extension").then();
    }

    private static String hashOf(UUID id) {
        return given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + id).then().statusCode(200)
                .extract().path("definitionHash");
    }

    @Test
    void aDraftGetsDefaultsAndQuestionIdsInOrder() {
        Map<String, Object> request = definition();
        request.remove("resultsPolicy");
        create(request).statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/api/v1/admin/polls/[0-9a-f-]{36}"))
                .body("status", equalTo("DRAFT"))
                .body("state", equalTo("DRAFT"))
                .body("title.ru", equalTo("Благоустройство набережной"))
                .body("secret", equalTo(true))
                .body("allowRevote", equalTo(false))
                .body("resultsPolicy", equalTo("AFTER_CLOSE"))
                .body("eligibility.districts.size()", equalTo(0))
                .body("questions.id", equalTo(List.of("q1", "q2", "q3", "q4")))
                .body("questions[0].required", equalTo(true))
                .body("questions[1].min", equalTo(1))
                .body("questions[1].max", equalTo(2))
                .body("questions[2].scale", equalTo(5))
                .body("questions[3].maxLength", equalTo(50))
                .body("definitionHash", matchesPattern("[0-9a-f]{64}"))
                .body("publishedAt", nullValue());
    }

    @Test
    void theHashCoversTheDefinitionButNotTheTimes() {
        Map<String, Object> request = definition();
        UUID first = createDraft(request);
        UUID sameDefinitionOtherTimes = createDraft(with(request, "closesAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString()));
        UUID otherTitle = createDraft(with(request, "title", text("Другой опрос")));
        assertThat(hashOf(first)).isEqualTo(hashOf(sameDefinitionOtherTimes)).isNotEqualTo(hashOf(otherTitle));
    }

    @Test
    void everyDefinitionFailureIsReportedAtOnce() {
        Map<String, Object> request = definition();
        request.put("title", Map.of("ru", " "));
        request.put("closesAt", request.get("opensAt"));
        request.put("eligibility", Map.of("districts", List.of("atlantis", "leninsky", "leninsky"), "minAge", 150));
        request.put("questions", List.of(
                Map.of("type", "SINGLE", "title", text("Один"), "options", List.of(option("a", "А"), option("a", "Б"))),
                Map.of("type", "MULTIPLE", "title", text("Много"), "min", 3, "max", 2,
                        "options", List.of(option("x", "X"), option("y", "Y"))),
                Map.of("type", "RATING", "title", text("Оценка"), "scale", 11),
                Map.of("type", "TEXT", "title", text("Текст"), "options", List.of(option("z", "Z"))),
                Map.of("type", "MULTIPLE", "title", text("Мало"), "max", 5, "options", List.of(option("p", "P"), option("q", "Q"))),
                Map.of("type", "SINGLE", "title", text("Без вариантов"), "options", List.of(option("Bad Code", "?"), option("ok", "Ок"))),
                Map.of("type", "RATING", "title", text("Без шкалы"))));
        List<String> pointers = create(request).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/validation-failed"))
                .extract().jsonPath().getList("errors.pointer");
        assertThat(pointers).contains("/title/ru", "/closesAt", "/eligibility/districts/0", "/eligibility/districts/2",
                "/eligibility/minAge", "/questions/0/options/1/code", "/questions/1/min", "/questions/2/scale",
                "/questions/3/options", "/questions/4/max", "/questions/5/options/0/code",
                "/questions/6/scale");
    }

    @Test
    void aPollNeedsAQuestionATitleAndTimes() {
        create(Map.of("title", text("Пустой"), "questions", List.of())).statusCode(400)
                .body("errors.pointer", hasItems("/questions", "/opensAt", "/closesAt"));
        create(Map.of("questions", List.of(Map.of("title", text("Без типа"))))).statusCode(400)
                .body("errors.pointer", hasItems("/title", "/questions/0/type"));
    }

    @Test
    void absentBodiesAndTimesOutsideTheCalendarAre400() {
        UUID id = createDraft(definition());
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).when().put("/api/v1/admin/polls/" + id).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).when().post("/api/v1/admin/polls").then().statusCode(400);
        create(with(definition(), "closesAt", "+999999-01-01T00:00:00Z")).statusCode(400)
                .body("errors.pointer", hasItems("/closesAt"));
        create(with(definition(), "opensAt", "1900-01-01T00:00:00Z")).statusCode(400)
                .body("errors.pointer", hasItems("/opensAt"));
        admin("publish", id).statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("closesAt", "9999-12-31T23:59:59Z"))
                .when().post("/api/v1/admin/polls/" + id + "/extension").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/closesAt"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).when().post("/api/v1/admin/polls/" + id + "/extension")
                .then().statusCode(400);
        String farCursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("999999999999.0." + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(ADMIN).queryParam("cursor", farCursor).when().get("/api/v1/admin/polls").then().statusCode(400);
    }

    @Test
    void textsAreMeasuredAsTheContractMeasuresThem() {
        // before trimming (blanks count, issue 28: the contract refused what the service took), by code point
        create(with(definition(), "title", text("Опрос" + " ".repeat(296)))).statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/title/ru"));
        create(with(definition(), "title", Map.of("ru", "Опрос", "en", "Poll" + "\t".repeat(297)))).statusCode(400)
                .body("errors[0].pointer", equalTo("/title/en"));
        create(with(definition(), "title", text("🙂".repeat(300)))).statusCode(201);
    }

    @Test
    void unknownFieldsAndLooseTypesAreRefused() {
        create(with(definition(), "colour", "red")).statusCode(400)
                .body("type", equalTo("https://otklik.org/problems/unreadable-body"));
        create(with(definition(), "secret", "yes")).statusCode(400)
                .body("errors[0].pointer", equalTo("/secret"));
        create(with(definition(), "resultsPolicy", "SOMETIMES")).statusCode(400);
    }

    @Test
    void aPollCannotBeMadeNonSecret() {
        create(with(definition(), "secret", false)).statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/secret"))
                .body("errors[0].message", containsString("cannot be made non-secret"));
        create(with(definition(), "secret", true)).statusCode(201).body("secret", equalTo(true));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"title\": ").when().post("/api/v1/admin/polls")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aDraftCanBeEditedAndItsHashFollows() {
        UUID id = createDraft(definition());
        String before = hashOf(id);
        put(id, with(definition(), "title", text("Новое название"))).statusCode(200)
                .body("title.ru", equalTo("Новое название"))
                .body("version", equalTo(1));
        assertThat(hashOf(id)).isNotEqualTo(before);
        put(id, with(definition(), "questions", List.of())).statusCode(400);
    }

    @Test
    void aPublishedDefinitionIsFrozen() {
        UUID id = createOpen();
        String hash = hashOf(id);
        put(id, with(definition(), "title", text("Подмена"))).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/conflict"));
        given().auth().oauth2(ADMIN).when().delete("/api/v1/admin/polls/" + id).then().statusCode(409);
        admin("publish", id).statusCode(409);
        assertThat(hashOf(id)).isEqualTo(hash);
        given().when().get("/api/v1/polls/" + id).then().statusCode(200)
                .body("definitionHash", equalTo(hash)).body("title.ru", equalTo("Благоустройство набережной"));
    }

    @Test
    void theLifecycleRunsDraftPublishedClosedArchived() {
        UUID id = createDraft(definition());
        String hash = hashOf(id);
        extend(id, OffsetDateTime.now().plusDays(60)).statusCode(409);
        admin("archive", id).statusCode(409);
        admin("close", id).statusCode(409);

        admin("publish", id).statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("state", equalTo("OPEN")).body("publishedAt", notNullValue());
        extend(id, OffsetDateTime.now().plusDays(1)).statusCode(400).body("errors[0].pointer", equalTo("/closesAt"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/admin/polls/" + id + "/extension").then().statusCode(400);
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.ofHours(4)).plusDays(60).withNano(0).withSecond(7);
        extend(id, later).statusCode(200).body("closesAt", equalTo(later.toString()))
                .body("definitionHash", equalTo(hash));
        admin("archive", id).statusCode(409);

        admin("close", id).statusCode(200)
                .body("status", equalTo("CLOSED")).body("state", equalTo("CLOSED")).body("closedAt", notNullValue());
        admin("close", id).statusCode(409);
        extend(id, later.plusDays(1)).statusCode(409);

        admin("archive", id).statusCode(200).body("status", equalTo("ARCHIVED")).body("state", equalTo("ARCHIVED"));
        admin("archive", id).statusCode(409);
        given().when().get("/api/v1/polls/" + id).then().statusCode(200).body("state", equalTo("ARCHIVED"));
    }

    @Test
    void aPollWhoseClosingTimeHasPassedCannotBePublished() {
        Map<String, Object> request = definition();
        request.put("opensAt", OffsetDateTime.now().minusDays(2).toString());
        request.put("closesAt", OffsetDateTime.now().minusDays(1).toString());
        UUID id = createDraft(request);
        admin("publish", id).statusCode(409).body("detail", notNullValue());
    }

    @Test
    void aDraftCanBeDeleted() {
        UUID id = createDraft(definition());
        given().auth().oauth2(ADMIN).when().delete("/api/v1/admin/polls/" + id).then().statusCode(204);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/polls/" + id).then().statusCode(404);
    }

    @Test
    void unknownAndMalformedIds() {
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");
        admin("publish", unknown).statusCode(404);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + unknown + "/results").then().statusCode(404);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + unknown + "/consistency").then().statusCode(404);
    }

    @Test
    void theAdminListPagesThroughDraftsByStatus() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            mine.add(createDraft(definition()).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000 && (page == 0 || cursor != null); page++) {
            var request = given().auth().oauth2(ADMIN).queryParam("status", "DRAFT").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var body = request.when().get("/api/v1/admin/polls").then().statusCode(200).extract().jsonPath();
            assertThat(body.getList("items.status", String.class)).containsOnly("DRAFT");
            seen.addAll(body.getList("items.id", String.class));
            cursor = body.getString("nextCursor");
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
        given().auth().oauth2(ADMIN).queryParam("limit", 0).when().get("/api/v1/admin/polls").then().statusCode(400);
        given().auth().oauth2(ADMIN).queryParam("limit", 101).when().get("/api/v1/admin/polls").then().statusCode(400);
        given().auth().oauth2(ADMIN).queryParam("cursor", "garbage").when().get("/api/v1/admin/polls").then().statusCode(400)
                .body("errors[0].parameter", equalTo("cursor"));
        given().auth().oauth2(ADMIN).queryParam("status", "NOPE").when().get("/api/v1/admin/polls").then().statusCode(400);
    }
}
