package org.otklik.incident.social;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SocialIngestTest {

    private static final String MONITORING = TestTokens.integration("social-monitoring");

    private static Map<String, Object> comment(String text) {
        Map<String, Object> item = new HashMap<>();
        String id = "wall-" + UUID.randomUUID();
        item.put("platform", "VK");
        item.put("externalId", id);
        item.put("url", "https://vk.com/" + id);
        item.put("authorHandle", "id1234567");
        item.put("text", text);
        item.put("postedAt", "2026-11-27T19:42:00+04:00");
        item.put("pageId", "club12345");
        return item;
    }

    private static ValidatableResponse ingest(String token, List<Map<String, Object>> items) {
        return given().auth().oauth2(token).contentType("application/json").body(Map.of("items", items))
                .when().post("/api/v1/ingest/social").then();
    }

    @Test
    void commentsBecomeIncidentsWithSuggestedTopicAndDistrict() {
        Map<String, Object> waste = comment("Советский район, двор на Гагарина: третий день не вывозят мусор, контейнеры переполнены");
        String number = ingest(MONITORING, List.of(waste)).statusCode(200)
                .body("received", equalTo(1))
                .body("created", equalTo(1))
                .body("items[0].outcome", equalTo("CREATED"))
                .body("items[0].categoryCode", equalTo("housing.waste"))
                .body("items[0].confidence", greaterThan(0.5f))
                .extract().path("items[0].number");
        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200)
                .body("status", equalTo("NEW"))
                .body("district.code", equalTo("sovetsky"))
                .body("organization.code", equalTo("rso.waste"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id1234567")));
    }

    @Test
    void unclassifiableTextFallsBackToOther() {
        ingest(MONITORING, List.of(comment("Добрый вечер всем"))).statusCode(200)
                .body("items[0].categoryCode", equalTo("other"))
                .body("items[0].confidence", equalTo(0.0f));
    }

    @Test
    void repeatsAreDuplicatesWithTheExistingNumber() {
        Map<String, Object> item = comment("Яма на дороге");
        String number = ingest(MONITORING, List.of(item)).statusCode(200).extract().path("items[0].number");
        ingest(MONITORING, List.of(item, item)).statusCode(200)
                .body("created", equalTo(0))
                .body("duplicates", equalTo(2))
                .body("items[0].outcome", equalTo("DUPLICATE"))
                .body("items[0].number", equalTo(number))
                .body("items[1].number", equalTo(number));
        Map<String, Object> samePostOnOk = new HashMap<>(item);
        samePostOnOk.put("platform", "OK");
        ingest(MONITORING, List.of(samePostOnOk)).statusCode(200).body("items[0].outcome", equalTo("CREATED"));
    }

    @Test
    void badItemsAreRejectedOneByOneWithoutFailingTheBatch() {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(comment("Не горят фонари"));
        Map<String, Object> badPlatform = comment("Текст");
        badPlatform.put("platform", "FACEBOOK");
        items.add(badPlatform);
        Map<String, Object> blank = comment("   ");
        items.add(blank);
        Map<String, Object> badDate = comment("Текст");
        badDate.put("postedAt", "вчера");
        items.add(badDate);
        Map<String, Object> future = comment("Текст");
        future.put("postedAt", "2099-01-01T00:00:00Z");
        items.add(future);
        Map<String, Object> badUrl = comment("Текст");
        badUrl.put("url", "javascript:alert(1)");
        items.add(badUrl);
        Map<String, Object> noId = comment("Текст");
        noId.remove("externalId");
        items.add(noId);
        Map<String, Object> tooLong = comment("я".repeat(5001));
        items.add(tooLong);
        ingest(MONITORING, items).statusCode(200)
                .body("received", equalTo(8))
                .body("created", equalTo(1))
                .body("rejected", equalTo(7))
                .body("items[0].outcome", equalTo("CREATED"))
                .body("items[1].reason", startsWith("platform"))
                .body("items[2].reason", startsWith("text"))
                .body("items[3].reason", startsWith("postedAt"))
                .body("items[4].reason", startsWith("postedAt"))
                .body("items[5].reason", startsWith("url"))
                .body("items[6].reason", startsWith("externalId"))
                .body("items[7].reason", startsWith("text"));
    }

    @Test
    void batchesAreLimitedTo500() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            items.add(comment("Текст " + i));
        }
        ingest(MONITORING, items).statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/items"));
        ingest(MONITORING, List.of()).statusCode(400);
    }

    @Test
    void unknownFieldsInItemsFailTheWholeBatch() {
        Map<String, Object> item = comment("Текст");
        item.put("likes", 5);
        ingest(MONITORING, List.of(item)).statusCode(400).body("errors[0].pointer", equalTo("/items/0/likes"));
    }

    @Test
    void onlyTheMonitoringClientMayIngest() {
        ingest(TestTokens.integration("gosuslugi-pos"), List.of(comment("Текст"))).statusCode(403);
        given().contentType("application/json").body(Map.of("items", List.of(comment("Текст"))))
                .when().post("/api/v1/ingest/social").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { "citizen", "operator", "executor", "analyst", "admin" })
    void otherRolesMayNotIngest(String role) {
        ingest(TestTokens.forRole(role), List.of(comment("Текст"))).statusCode(403)
                .body("status", equalTo(403));
    }

    @Test
    void aFullBatchIsIngested() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(comment("Во дворе яма номер " + i));
        }
        ingest(MONITORING, items).statusCode(200).body("created", equalTo(500))
                .body("items[499].number", notNullValue());
    }
}
