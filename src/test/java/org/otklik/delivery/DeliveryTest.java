package org.otklik.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.incident.Resolution;
import org.otklik.incident.WorkflowRequests;
import org.otklik.incident.WorkflowService;
import org.otklik.security.Caller;
import org.otklik.testsupport.DeliveryRounds;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.otklik.testsupport.WebhookReceiver;
import org.otklik.testsupport.WebhookReceiver.Received;
import org.otklik.testsupport.WebhookReceiver.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class DeliveryTest {

    private static final String ADMIN = TestTokens.admin();
    private static final String OPERATOR = TestTokens.operator();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryRelay relay;

    @Inject
    WorkflowService workflow;

    @Inject
    Pool pool;

    private record Subscribed(String id, String secret, String path) {
    }

    private static Subscribed subscribe(String path, String... events) {
        return subscribeAt(WebhookReceiver.baseUrl(), path, events);
    }

    private static Subscribed subscribeAt(String base, String path, String... events) {
        var created = given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("url", base + path, "events", List.of(events)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(201).extract();
        return new Subscribed(created.path("id"), created.path("secret"), path);
    }

    private static void unsubscribe(Subscribed subscribed) {
        given().auth().oauth2(ADMIN).when().delete("/api/v1/admin/webhooks/" + subscribed.id());
    }

    private void relayUntil(BooleanSupplier done) {
        DeliveryRounds.until(relay, "the expected deliveries", done);
    }

    private Integer relayOnce() throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> relay.runOnce());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static List<Received> forIncident(String path, String number) {
        return WebhookReceiver.received(path).stream().filter(r -> r.body().contains("\"" + number + "\"")).toList();
    }

    private static String type(Received received) {
        try {
            return JSON.readTree(received.body()).path("type").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String acceptedPothole(String subjectPrefix) {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject(subjectPrefix)), Feedback.pothole());
        Staff.accept(number);
        return number;
    }

    @Test
    void everyEventReachesAFlakySubscriberExactlyOnceInOrder() throws Throwable {
        String path = "/hooks/flaky-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED, DeliveryEvent.CLOSED, DeliveryEvent.INTERIM_ANSWER);
        try {
            WebhookReceiver.script(path, Reply.status(500), Reply.stall(1500), Reply.retryAfter(429, "1"),
                    Reply.retryAfter(503, "1"), Reply.status(502));
            String number = acceptedPothole("flaky");
            Staff.act(TestTokens.executor("dep.roads"), number, "interim-answer",
                    Map.of("text", "Запланировано", "plannedDate", java.time.LocalDate.now().plusDays(5).toString())).statusCode(200);
            Staff.answer(OPERATOR, number, "Сделано");
            Staff.act(OPERATOR, number, "close").statusCode(200);

            relayUntil(() -> forIncident(path, number).stream().map(r -> r.header("webhook-id")).distinct().count() == 3
                    && deliveriesOf(number).stream().allMatch(d -> !"PENDING".equals(d)));

            List<Received> received = forIncident(path, number);
            Set<String> firstSeen = new LinkedHashSet<>();
            for (Received r : received) {
                if (r.header("webhook-id") != null && !firstSeen.contains(r.header("webhook-id"))) {
                    firstSeen.add(r.header("webhook-id"));
                }
                assertThat(WebhookSigner.verify(subscriber.secret(), r.header("webhook-id"),
                        Long.parseLong(r.header("webhook-timestamp")), r.body(), r.header("webhook-signature"))).isTrue();
                assertThat(r.body()).doesNotContain("+7 900", "resident@example.org", "Московское шоссе, 41");
            }
            List<String> types = new ArrayList<>();
            for (String id : firstSeen) {
                types.add(received.stream().filter(r -> id.equals(r.header("webhook-id"))).findFirst().map(DeliveryTest::type).orElseThrow());
            }
            assertThat(types).containsExactly(DeliveryEvent.INTERIM_ANSWER, DeliveryEvent.ANSWERED, DeliveryEvent.CLOSED);
            assertThat(deliveriesOf(number)).containsOnly("DELIVERED");
        } finally {
            unsubscribe(subscriber);
            WebhookReceiver.reset(path);
        }
    }

    private List<String> deliveriesOf(String number) {
        return pool.preparedQuery("select state from outbox_delivery where incident_number = $1 and destination = 'WEBHOOK'"
                + " and subscription_id in (select id from webhook_subscription where active)")
                .execute(Tuple.of(number)).await().indefinitely()
                .stream().map(row -> row.getString(0)).toList();
    }

    @Test
    void goneDisablesTheSubscriber() throws Throwable {
        String path = "/hooks/gone-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            WebhookReceiver.always(path, Reply.status(410));
            String number = acceptedPothole("gone");
            Staff.answer(OPERATOR, number, "Сделано");
            relayUntil(() -> !forIncident(path, number).isEmpty());
            relayUntil(() -> !subscriptionActive(subscriber.id()));
            given().auth().oauth2(ADMIN).when().get("/api/v1/admin/webhooks").then().statusCode(200)
                    .body("find { it.id == '" + subscriber.id() + "' }.active", equalTo(false));
            String later = acceptedPothole("gone-later");
            Staff.answer(OPERATOR, later, "Тоже сделано");
            assertThat(count("select count(*) from outbox_delivery where subscription_id = $1 and incident_number = $2",
                    UUID.fromString(subscriber.id()), later)).isZero();
        } finally {
            WebhookReceiver.reset(path);
        }
    }

    private boolean subscriptionActive(String id) {
        return pool.preparedQuery("select active from webhook_subscription where id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().indefinitely().iterator().next().getBoolean(0);
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void theGosuslugiAnswerGoesBackToTheGatewayAndTheSocialAnswerUnderTheComment() throws Throwable {
        Map<String, Object> body = Feedback.body("housing.heating", "Нет отопления");
        String messageId = "POS-" + UUID.randomUUID();
        body.put("externalId", messageId);
        body.put("citizenId", "1000123");
        String number = Feedback.submit(TestTokens.integration("gosuslugi-pos"), body).statusCode(201).extract().path("number");
        Staff.answer(OPERATOR, number, "Отопление включено");
        relayUntil(() -> !forIncident("/gosuslugi/callback", number).isEmpty());
        Received callback = forIncident("/gosuslugi/callback", number).get(0);
        JsonNode payload = JSON.readTree(callback.body());
        assertThat(payload.path("version").asText()).isEqualTo("1");
        assertThat(payload.path("messageId").asText()).isEqualTo(messageId);
        assertThat(payload.path("answerText").asText()).isEqualTo("Отопление включено");
        assertThat(payload.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(callback.header("Authorization")).isEqualTo("Bearer " + WebhookReceiver.GATEWAY_TOKEN);
        assertThat(callback.header("traceparent")).as("no trace context with tracing off").isNull();
        assertThat(WebhookSigner.verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", callback.header("webhook-id"),
                Long.parseLong(callback.header("webhook-timestamp")), callback.body(), callback.header("webhook-signature"))).isTrue();

        String commentId = "wall-" + UUID.randomUUID();
        String social = given().auth().oauth2(TestTokens.integration("social-monitoring")).contentType("application/json")
                .body(Map.of("items", List.of(Map.of("platform", "VK", "externalId", commentId, "url", "https://vk.com/" + commentId,
                        "text", "Яма во дворе", "postedAt", "2026-11-27T19:42:00+04:00"))))
                .when().post("/api/v1/ingest/social").then().statusCode(200).extract().path("items[0].number");
        Staff.accept(social);
        relayUntil(() -> !forIncident("/social/reply", social).isEmpty());
        JsonNode reply = JSON.readTree(forIncident("/social/reply", social).get(0).body());
        assertThat(reply.path("platform").asText()).isEqualTo("VK");
        assertThat(reply.path("externalId").asText()).isEqualTo(commentId);
        assertThat(reply.path("type").asText()).isEqualTo(DeliveryEvent.ACCEPTED);

        given().auth().oauth2(TestTokens.integration("gosuslugi-pos")).when().get("/api/v1/incidents/" + number + "/deliveries")
                .then().statusCode(200).body("destination", hasItem("GOSUSLUGI")).body("state", hasItem("DELIVERED"));
        given().auth().oauth2(TestTokens.integration("social-monitoring")).when().get("/api/v1/incidents/" + number + "/deliveries")
                .then().statusCode(404);
        given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents/" + number + "/deliveries").then().statusCode(200);
        given().auth().oauth2(TestTokens.executor("rso.water")).when().get("/api/v1/incidents/" + number + "/deliveries")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.citizen("c")).when().get("/api/v1/incidents/" + number + "/deliveries").then().statusCode(403);
    }

    @Test
    void integrationClientsSeeOnlyTheDeliveriesToTheirOwnChannel() throws Throwable {
        String path = "/hooks/scoped-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ACCEPTED, DeliveryEvent.ANSWERED);
        try {
            WebhookReceiver.always(path, Reply.status(500));
            Map<String, Object> body = Feedback.body("housing.heating", "Нет отопления");
            body.put("externalId", "POS-" + UUID.randomUUID());
            body.put("citizenId", "1000124");
            String gosuslugi = Feedback.submit(TestTokens.integration("gosuslugi-pos"), body).statusCode(201).extract().path("number");
            Staff.answer(OPERATOR, gosuslugi, "Отопление включено");
            String commentId = "wall-" + UUID.randomUUID();
            String social = given().auth().oauth2(TestTokens.integration("social-monitoring")).contentType("application/json")
                    .body(Map.of("items", List.of(Map.of("platform", "VK", "externalId", commentId, "url", "https://vk.com/" + commentId,
                            "text", "Яма во дворе", "postedAt", "2026-11-27T19:42:00+04:00"))))
                    .when().post("/api/v1/ingest/social").then().statusCode(200).extract().path("items[0].number");
            Staff.accept(social);
            relayUntil(() -> forIncident(path, gosuslugi).size() >= 1 && forIncident(path, social).size() >= 1);

            given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents/" + gosuslugi + "/deliveries").then().statusCode(200)
                    .body("destination", hasItem("WEBHOOK")).body("destination", hasItem("GOSUSLUGI"))
                    .body("find { it.destination == 'WEBHOOK' }.lastStatus", equalTo(500));
            given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents/" + social + "/deliveries").then().statusCode(200)
                    .body("destination", hasItem("WEBHOOK")).body("destination", hasItem("SOCIAL"));

            String gateway = given().auth().oauth2(TestTokens.integration("gosuslugi-pos"))
                    .when().get("/api/v1/incidents/" + gosuslugi + "/deliveries").then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.greaterThan(0))
                    .body("destination", org.hamcrest.Matchers.everyItem(equalTo("GOSUSLUGI")))
                    .body("subscriptionId", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
                    .extract().asString();
            assertThat(gateway).doesNotContain(subscriber.id(), "WEBHOOK");
            String monitoring = given().auth().oauth2(TestTokens.integration("social-monitoring"))
                    .when().get("/api/v1/incidents/" + social + "/deliveries").then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.greaterThan(0))
                    .body("destination", org.hamcrest.Matchers.everyItem(equalTo("SOCIAL")))
                    .extract().asString();
            assertThat(monitoring).doesNotContain(subscriber.id(), "WEBHOOK");
            given().auth().oauth2(TestTokens.integration("gosuslugi-pos"))
                    .when().get("/api/v1/incidents/" + social + "/deliveries").then().statusCode(404);
            given().auth().oauth2(TestTokens.integration("social-monitoring"))
                    .when().get("/api/v1/incidents/" + gosuslugi + "/deliveries").then().statusCode(404);
        } finally {
            unsubscribe(subscriber);
            WebhookReceiver.reset(path);
        }
    }

    /** A receiver that refuses connections, and one that answers 503: plain words and a kind, no Java in sight. */
    @Test
    void failuresReadAsAKindAndPlainWordsNeverAsJava() throws Throwable {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Subscribed refusing = subscribeAt("http://127.0.0.1:" + closedPort, "/hooks/refusing", DeliveryEvent.ANSWERED);
        String path = "/hooks/unavailable-" + UUID.randomUUID();
        Subscribed unavailable = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            WebhookReceiver.always(path, Reply.status(503));
            String number = acceptedPothole("refusing");
            Staff.answer(OPERATOR, number, "Сделано");
            relayUntil(() -> {
                String log = given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents/" + number + "/deliveries").asString();
                return log.contains("CONNECTION_REFUSED") && log.contains("HTTP_STATUS");
            });
            String staffView = given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents/" + number + "/deliveries").then()
                    .statusCode(200)
                    .body("find { it.subscriptionId == '" + refusing.id() + "' }.lastError", equalTo("connection refused"))
                    .body("find { it.subscriptionId == '" + refusing.id() + "' }.lastErrorKind", equalTo("CONNECTION_REFUSED"))
                    .body("find { it.subscriptionId == '" + unavailable.id() + "' }.lastError", equalTo("HTTP 503 from the receiver"))
                    .body("find { it.subscriptionId == '" + unavailable.id() + "' }.lastErrorKind", equalTo("HTTP_STATUS"))
                    .extract().asString();
            String adminView = given().auth().oauth2(ADMIN).queryParam("channel", "WEBHOOK").queryParam("limit", 100)
                    .when().get("/api/v1/admin/deliveries").then().statusCode(200)
                    .body("items.find { it.subscriptionId == '" + refusing.id() + "' }.lastError", equalTo("connection refused"))
                    .extract().asString();
            for (String view : List.of(staffView, adminView)) {
                assertThat(view).doesNotContain("Exception", "io.netty", "java.", "AnnotatedConnect", "\tat ");
            }
        } finally {
            unsubscribe(refusing);
            unsubscribe(unavailable);
            WebhookReceiver.reset(path);
        }
    }

    @Test
    void aDeadSubscriberIsCountedButNeverMakesTheServiceUnready() throws Throwable {
        String path = "/hooks/down-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            WebhookReceiver.always(path, Reply.status(503));
            String number = acceptedPothole("down");
            Staff.answer(OPERATOR, number, "Сделано");
            relayUntil(() -> forIncident(path, number).size() >= 2);
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("otklik_deliveries_total{destination=\"WEBHOOK\",outcome=\"RETRY\"}"))
                    .body(org.hamcrest.Matchers.containsString("otklik_outbox_oldest_pending_age_seconds"));
        } finally {
            unsubscribe(subscriber);
            WebhookReceiver.reset(path);
        }
    }

    @Test
    void afterTheLastTryADeliveryIsDeadUntilAnAdminRetriesIt() throws Throwable {
        String path = "/hooks/dead-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            WebhookReceiver.always(path, Reply.status(500));
            String number = acceptedPothole("dead");
            Staff.answer(OPERATOR, number, "Сделано");
            relayUntil(() -> deliveriesOf(number).contains("DEAD"));
            assertThat(forIncident(path, number)).hasSize(8);
            String id = given().auth().oauth2(ADMIN).queryParam("state", "DEAD").queryParam("channel", "WEBHOOK")
                    .when().get("/api/v1/admin/deliveries").then().statusCode(200)
                    .body("items[0].lastError", org.hamcrest.Matchers.startsWith("HTTP 500"))
                    .extract().path("items.find { it.incidentNumber == '" + number + "' }.id");
            WebhookReceiver.reset(path);
            given().auth().oauth2(ADMIN).when().post("/api/v1/admin/deliveries/" + id + "/retry").then().statusCode(200)
                    .body("state", equalTo("PENDING"));
            relayUntil(() -> deliveriesOf(number).contains("DELIVERED"));
            given().auth().oauth2(ADMIN).when().post("/api/v1/admin/deliveries/" + id + "/retry").then().statusCode(409);
        } finally {
            unsubscribe(subscriber);
            WebhookReceiver.reset(path);
        }
    }

    @Test
    void twoRelaysAtOnceNeverSendOneEventTwice() throws Throwable {
        String path = "/hooks/pair-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        List<String> numbers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String number = acceptedPothole("pair");
                Staff.answer(OPERATOR, number, "Сделано " + i);
                numbers.add(number);
            }
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 20; round++) {
                    List<Future<Integer>> both = List.of(threads.submit(this::relayOnce), threads.submit(this::relayOnce));
                    for (Future<Integer> f : both) {
                        f.get();
                    }
                }
            } finally {
                threads.shutdownNow();
            }
            List<Received> received = WebhookReceiver.received(path);
            assertThat(received).hasSize(numbers.size());
            assertThat(received.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(numbers.size());
        } finally {
            unsubscribe(subscriber);
        }
    }

    @Test
    void aRelayStoppedMidBatchLosesNothing() throws Throwable {
        String path = "/hooks/restart-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            String number = acceptedPothole("restart");
            Staff.answer(OPERATOR, number, "Сделано");
            List<DeliveryRelay.Claimed> claimed = new ArrayList<>();
            for (int round = 0; round < 20 && claimed.stream().noneMatch(c -> path.equals(java.net.URI.create(c.url() == null ? "x:/" : c.url()).getPath())); round++) {
                claimed.addAll(VertxContextSupport.subscribeAndAwait(() -> relay.claim()));
            }
            assertThat(WebhookReceiver.received(path)).isEmpty();
            VertxContextSupport.subscribeAndAwait(() -> relay.runOnce());
            assertThat(WebhookReceiver.received(path)).as("leased by the stopped relay").isEmpty();
            // rounds find it leased until the stopped relay's 2 s lease runs out, then send it
            relayUntil(() -> forIncident(path, number).size() == 1);
        } finally {
            unsubscribe(subscriber);
        }
    }

    @Test
    void aFailedChangeLeavesNoOutboxRowAndEveryChangeHasOne() throws Throwable {
        String number = acceptedPothole("atomic");
        long before = count("select count(*) from outbox_delivery o join incident i on i.id = o.incident_id where i.number = $1", number);
        Caller operator = new Caller("operator-1", Set.of("operator"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> workflow.answer(operator, number, null,
                new WorkflowRequests.Answer("я".repeat(6000), Resolution.FIXED, null, null))))
                .isNotNull();
        assertThat(count("select count(*) from outbox_delivery o join incident i on i.id = o.incident_id where i.number = $1", number))
                .isEqualTo(before);
        Staff.detail(OPERATOR, number).body("status", equalTo("ASSIGNED"));

        Map<String, Object> body = Feedback.body("housing.heating", "Холодно");
        body.put("externalId", "POS-" + UUID.randomUUID());
        body.put("citizenId", "42");
        String gosuslugi = Feedback.submit(TestTokens.integration("gosuslugi-pos"), body).statusCode(201).extract().path("number");
        String sql = "select count(*) from outbox_delivery o join incident i on i.id = o.incident_id where i.number = $1 and o.destination = 'GOSUSLUGI'";
        Staff.act(OPERATOR, gosuslugi, "assignment", Map.of("organizationCode", "adm.leninsky", "reason", "район")).statusCode(200);
        assertThat(count(sql, gosuslugi)).isEqualTo(1);
        Staff.act(OPERATOR, gosuslugi, "interim-answer", Map.of("text", "План", "plannedDate", java.time.LocalDate.now().plusDays(3).toString())).statusCode(200);
        assertThat(count(sql, gosuslugi)).isEqualTo(2);
        Staff.act(OPERATOR, gosuslugi, "notes", Map.of("text", "внутреннее")).statusCode(200);
        assertThat(count(sql, gosuslugi)).isEqualTo(2);
        Staff.answer(OPERATOR, gosuslugi, "Готово");
        assertThat(count(sql, gosuslugi)).isEqualTo(3);
        Staff.act(OPERATOR, gosuslugi, "close").statusCode(200);
        assertThat(count(sql, gosuslugi)).isEqualTo(4);
    }

    @Test
    void whileASecretRotatesEventsCarryBothSignatures() throws Throwable {
        String path = "/hooks/rotate-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            String rotated = given().auth().oauth2(ADMIN).when().post("/api/v1/admin/webhooks/" + subscriber.id() + "/secret")
                    .then().statusCode(200).extract().path("secret");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(subscriber.secret());
            String number = acceptedPothole("rotate");
            Staff.answer(OPERATOR, number, "Сделано");
            relayUntil(() -> forIncident(path, number).size() == 1);
            Received received = forIncident(path, number).get(0);
            String header = received.header("webhook-signature");
            long timestamp = Long.parseLong(received.header("webhook-timestamp"));
            assertThat(header.split(" ")).hasSize(2);
            assertThat(WebhookSigner.verify(rotated, received.header("webhook-id"), timestamp, received.body(), header)).isTrue();
            assertThat(WebhookSigner.verify(subscriber.secret(), received.header("webhook-id"), timestamp, received.body(), header))
                    .isTrue();
        } finally {
            unsubscribe(subscriber);
        }
        given().auth().oauth2(ADMIN).when().post("/api/v1/admin/webhooks/" + subscriber.id() + "/secret").then().statusCode(404);
    }

    @Test
    void redirectsAreNotFollowedAndHugeAnswersAreNotReadToTheEnd() throws Throwable {
        String path = "/hooks/redirect-" + UUID.randomUUID();
        String elsewhere = "/hooks/elsewhere-" + UUID.randomUUID();
        Subscribed subscriber = subscribe(path, DeliveryEvent.ANSWERED);
        try {
            WebhookReceiver.script(path, Reply.redirect(WebhookReceiver.baseUrl() + elsewhere), Reply.hugeBody(4 * 1024 * 1024));
            String number = acceptedPothole("redirect");
            Staff.answer(OPERATOR, number, "Сделано");
            relayUntil(() -> deliveriesOf(number).contains("DELIVERED"));
            assertThat(WebhookReceiver.received(elsewhere)).isEmpty();
            assertThat(forIncident(path, number)).hasSize(2);
            given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents/" + number + "/deliveries").then().statusCode(200)
                    .body("find { it.subscriptionId == '" + subscriber.id() + "' }.attempts", equalTo(2));
        } finally {
            unsubscribe(subscriber);
            WebhookReceiver.reset(path);
        }
    }

    @Test
    void subscriptionsAreCheckedAndAdminOnly() {
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("url", "https://10.0.0.1/hook", "events", List.of(DeliveryEvent.ANSWERED)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(400).body("errors[0].pointer", equalTo("/url"));
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("url", "https://169.254.169.254/latest", "events", List.of(DeliveryEvent.ANSWERED)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("url", "ftp://example.org/x", "events", List.of(DeliveryEvent.ANSWERED)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.baseUrl() + "/x", "events", List.of("incident.exploded")))
                .when().post("/api/v1/admin/webhooks").then().statusCode(400).body("errors[0].pointer", equalTo("/events"));
        given().auth().oauth2(ADMIN).when().delete("/api/v1/admin/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(ADMIN).when().post("/api/v1/admin/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(404);
        given().auth().oauth2(ADMIN).queryParam("state", "LOST").when().get("/api/v1/admin/deliveries").then().statusCode(400);
        for (String role : List.of("citizen", "operator", "executor", "analyst", "integration")) {
            given().auth().oauth2(TestTokens.forRole(role)).when().get("/api/v1/admin/webhooks").then().statusCode(403);
            given().auth().oauth2(TestTokens.forRole(role)).when().get("/api/v1/admin/deliveries").then().statusCode(403);
        }
        given().when().get("/api/v1/admin/webhooks").then().statusCode(401);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/webhooks").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("whsec_")));
        Instant.now();
    }
}
