package org.otklik.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.delivery.DeliveryRelay;
import org.otklik.delivery.WebhookSigner;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.otklik.testsupport.WebhookReceiver;
import org.otklik.testsupport.WebhookReceiver.Received;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class NoticeMassAnswerTest {

    private static final int LINKED = 200;
    private static final String OPERATOR = TestTokens.operator();
    private static final String GATEWAY = TestTokens.integration("gosuslugi-pos");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryRelay relay;

    private void relayUntilIdle() throws Throwable {
        int idleRounds = 0;
        for (int round = 0; round < 400 && idleRounds < 2; round++) {
            Integer claimed = VertxContextSupport.subscribeAndAwait(() -> relay.runOnce());
            idleRounds = claimed == 0 ? idleRounds + 1 : 0;
        }
        assertThat(idleRounds).as("the outbox drains").isEqualTo(2);
    }

    private static JsonNode json(Received received) {
        try {
            return JSON.readTree(received.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subscribe(String path, String... events) {
        return given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.baseUrl() + path, "events", List.of(events)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("secret");
    }

    private static JsonPath answerAll(long notice) {
        return given().auth().oauth2(OPERATOR).contentType("application/json")
                .body(Map.of("text", "Горячая вода отключена на время плановой опрессовки до 14 декабря.", "resolution", "EXPLAINED"))
                .when().post(NoticeFixtures.ADMIN_PATH + "/" + notice + "/answer").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void twoHundredLinkedIncidentsAreAnsweredOnceEachEvenByTwoCallsAtOnce() throws Throwable {
        String path = "/hooks/notices-" + UUID.randomUUID();
        String secret = subscribe(path, "incident.answered", "notice.published", "notice.updated", "notice.ended");
        long notice = NoticeFixtures.published(OPERATOR, NoticeFixtures.hotWater());

        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < LINKED; i++) {
            Map<String, Object> body = Feedback.body("housing.hot_water", "Нет горячей воды, дом " + i);
            body.put("districtCode", "leninsky");
            body.put("externalId", "POS-NOTICE-" + UUID.randomUUID());
            body.put("citizenId", "10000" + i);
            numbers.add(Feedback.submit(GATEWAY, body).statusCode(201)
                    .body("notices.id", org.hamcrest.Matchers.hasItem((int) notice))
                    .extract().path("number"));
        }
        // one of them is answered by hand meanwhile: the mass answer must leave it alone
        String byHand = numbers.get(7);
        Staff.answer(OPERATOR, byHand, "Ответили отдельно");

        List<JsonPath> results = Parallel.run(2, () -> answerAll(notice));
        Map<String, Integer> answeredTimes = new HashMap<>();
        for (JsonPath result : results) {
            List<Map<String, Object>> outcomes = result.getList("incidents");
            for (Map<String, Object> outcome : outcomes) {
                if ("ANSWERED".equals(outcome.get("outcome"))) {
                    answeredTimes.merge((String) outcome.get("number"), 1, Integer::sum);
                } else {
                    assertThat(outcome.get("outcome")).isIn("CHANGED", "NOT_ANSWERABLE");
                }
            }
        }
        List<String> expected = numbers.stream().filter(n -> !n.equals(byHand)).toList();
        assertThat(answeredTimes.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(answeredTimes.values()).allMatch(times -> times == 1);
        // a third call finds nothing open
        JsonPath again = answerAll(notice);
        assertThat(again.getInt("total")).isZero();
        assertThat(again.getInt("answered")).isZero();
        NoticeFixtures.get(OPERATOR, notice).body("linked.total", equalTo(LINKED)).body("linked.open", equalTo(0));
        Staff.detail(OPERATOR, numbers.get(0)).statusCode(200)
                .body("status", equalTo("ANSWERED"))
                .body("answer.resolution", equalTo("EXPLAINED"));

        NoticeFixtures.action(OPERATOR, notice, "end").statusCode(200);
        relayUntilIdle();

        // exactly one answer per incident, to its own channel (the Gosuslugi gateway) and to the subscriber
        Map<String, List<Received>> gateway = new HashMap<>();
        for (Received received : WebhookReceiver.received("/gosuslugi/callback")) {
            JsonNode body = json(received);
            if ("incident.answered".equals(body.path("type").asText())) {
                gateway.computeIfAbsent(body.path("number").asText(), k -> new ArrayList<>()).add(received);
            }
        }
        Map<String, List<Received>> hooks = new HashMap<>();
        List<Received> noticeEvents = new ArrayList<>();
        for (Received received : WebhookReceiver.received(path)) {
            assertThat(WebhookSigner.verify(secret, received.header("webhook-id"),
                    Long.parseLong(received.header("webhook-timestamp")), received.body(), received.header("webhook-signature"))).isTrue();
            JsonNode body = json(received);
            if ("incident.answered".equals(body.path("type").asText())) {
                hooks.computeIfAbsent(body.path("number").asText(), k -> new ArrayList<>()).add(received);
            } else if (body.path("noticeId").asLong() == notice) {
                noticeEvents.add(received);
            }
        }
        for (String number : numbers) {
            assertThat(gateway.getOrDefault(number, List.of())).as("gateway callbacks of " + number).hasSize(1);
            assertThat(hooks.getOrDefault(number, List.of())).as("webhook deliveries of " + number).hasSize(1);
        }
        assertThat(gateway.get(numbers.get(0)).get(0).body()).contains("плановой опрессовки");

        // the notice itself went to the subscriber and to the social-monitoring client, published then ended
        assertThat(noticeEvents).extracting(r -> json(r).path("type").asText())
                .containsExactlyInAnyOrder("notice.published", "notice.ended");
        JsonNode published = noticeEvents.stream().map(NoticeMassAnswerTest::json)
                .filter(b -> b.path("type").asText().equals("notice.published")).findFirst().orElseThrow();
        assertThat(published.path("notice").path("title").path("ru").asText()).isEqualTo("Отключение горячей воды");
        assertThat(published.path("noticeVersion").asInt()).isEqualTo(1);
        List<String> social = WebhookReceiver.received("/social/reply").stream().map(NoticeMassAnswerTest::json)
                .filter(b -> b.path("noticeId").asLong() == notice).map(b -> b.path("type").asText()).toList();
        assertThat(social).containsExactlyInAnyOrder("notice.published", "notice.ended");
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/admin/deliveries?limit=100").then().statusCode(200)
                .body("items.find { it.noticeId == " + notice + " }.eventType", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anEditAfterPublicationReachesTheChannelsAsUpdated() throws Throwable {
        String path = "/hooks/notice-updates-" + UUID.randomUUID();
        String secret = subscribe(path, "notice.updated");
        long notice = NoticeFixtures.published(OPERATOR, NoticeFixtures.hotWater());
        Map<String, Object> later = NoticeFixtures.hotWater();
        later.put("endsAt", NoticeFixtures.at(72));
        given().auth().oauth2(OPERATOR).contentType("application/json").body(later)
                .when().put(NoticeFixtures.ADMIN_PATH + "/" + notice).then().statusCode(200).body("version", equalTo(2));
        relayUntilIdle();
        List<Received> received = WebhookReceiver.received(path);
        assertThat(received).hasSize(1);
        JsonNode body = json(received.get(0));
        assertThat(body.path("type").asText()).isEqualTo("notice.updated");
        assertThat(body.path("noticeVersion").asInt()).isEqualTo(2);
        assertThat(body.path("notice").path("updatedAt").isNull()).isFalse();
        assertThat(WebhookSigner.verify(secret, received.get(0).header("webhook-id"),
                Long.parseLong(received.get(0).header("webhook-timestamp")), received.get(0).body(),
                received.get(0).header("webhook-signature"))).isTrue();
    }
}
