package org.otklik.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.otklik.testsupport.WebhookReceiver;
import org.otklik.testsupport.WebhookReceiver.Received;
import org.otklik.testsupport.WebhookReceiver.Reply;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Two relays and a receiver that takes longer to answer than a lease lasts (2 s in tests): the
 * lease is renewed while the request is in flight, so each event reaches the receiver once; a
 * relay that lost its lease cannot record a result; an admin cannot retry a delivery in flight.
 */
@QuarkusTest
@TestProfile(DeliveryFencingTest.SlowReceiver.class)
class DeliveryFencingTest {

    public static class SlowReceiver implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WebhookReceiver.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otklik.delivery.request-timeout", "8s");
        }
    }

    private static final String ADMIN = TestTokens.admin();
    private static final String OPERATOR = TestTokens.operator();
    private static final long SLOWER_THAN_A_LEASE_MS = 3500;

    @Inject
    DeliveryRelay relay;

    @Inject
    DeliveryConfig config;

    @Inject
    Pool pool;

    private String subscribe(String path) {
        return given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.baseUrl() + path, "events", List.of(DeliveryEvent.ANSWERED)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
    }

    private static void unsubscribe(String id) {
        given().auth().oauth2(ADMIN).when().delete("/api/v1/admin/webhooks/" + id);
    }

    private static String answeredIncident(String text) {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("fencing")), Feedback.pothole());
        Staff.accept(number);
        Staff.answer(OPERATOR, number, text);
        return number;
    }

    private CompletableFuture<Integer> relayInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> relay.runOnce());
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Row delivery(String subscriptionId, String number) {
        return pool.preparedQuery("select id, state, attempts, lease_number, leased_until > now() as leased from outbox_delivery"
                + " where subscription_id = $1 and incident_number = $2")
                .execute(Tuple.of(UUID.fromString(subscriptionId), number)).await().atMost(Duration.ofSeconds(5))
                .iterator().next();
    }

    private static void awaitReceived(String path, int count) {
        Await.until(count + " requests at " + path, Duration.ofSeconds(5), () -> WebhookReceiver.received(path).size() >= count);
    }

    private OffsetDateTime databaseNow() {
        return pool.query("select clock_timestamp() as now").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getOffsetDateTime("now");
    }

    private boolean delivered(String subscription, String number) {
        return "DELIVERED".equals(delivery(subscription, number).getString("state"));
    }

    @Test
    void twoRelaysAndASlowReceiverDeliverEachEventExactlyOnce() throws Exception {
        assertThat(config.lease()).isEqualTo(Duration.ofSeconds(2));
        String path = "/hooks/slow-" + UUID.randomUUID();
        String subscription = subscribe(path);
        try {
            WebhookReceiver.always(path, Reply.stall(SLOWER_THAN_A_LEASE_MS));
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                numbers.add(answeredIncident("Сделано " + i));
            }
            // While one relay's round is in flight (3.5 s, past the 2 s lease), the other keeps running rounds.
            Await.until("every event delivered", Duration.ofSeconds(30), () -> {
                CompletableFuture<Integer> first = relayInBackground();
                Await.until("the first relay's round ends", Duration.ofSeconds(20), () -> {
                    if (!first.isDone()) {
                        relayInBackground().get(20, TimeUnit.SECONDS);
                    }
                    return first.isDone();
                });
                first.get();
                return numbers.stream().allMatch(n -> delivered(subscription, n));
            });
            Map<String, Long> perEvent = WebhookReceiver.received(path).stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            assertThat(perEvent).hasSize(numbers.size());
            assertThat(perEvent.values()).as("each event reached the receiver once").containsOnly(1L);
            for (String number : numbers) {
                Row row = delivery(subscription, number);
                assertThat(row.getString("state")).isEqualTo("DELIVERED");
                assertThat(row.getInteger("attempts")).isEqualTo(1);
            }
        } finally {
            unsubscribe(subscription);
            WebhookReceiver.reset(path);
        }
    }

    @Test
    void aLeaseIsRenewedWhileInFlightAndAnAdminCannotRetryItMeanwhile() throws Throwable {
        String path = "/hooks/inflight-" + UUID.randomUUID();
        String subscription = subscribe(path);
        try {
            WebhookReceiver.always(path, Reply.stall(SLOWER_THAN_A_LEASE_MS));
            String number = answeredIncident("Сделано");
            CompletableFuture<Integer> round = relayInBackground();
            awaitReceived(path, 1);
            // the row was claimed before the receiver saw it, so its first lease ends by now + one lease
            OffsetDateTime firstLeaseEndsBy = databaseNow().plus(config.lease());
            String id = delivery(subscription, number).getUUID("id").toString();

            Await.until("the first lease has run out", Duration.ofSeconds(10), () -> databaseNow().isAfter(firstLeaseEndsBy));
            Row midway = delivery(subscription, number);
            assertThat(midway.getString("state")).isEqualTo("PENDING");
            assertThat(midway.getBoolean("leased")).as("leased beyond the first 2 s lease").isTrue();
            List<DeliveryRelay.Claimed> other = VertxContextSupport.subscribeAndAwait(() -> relay.claim());
            assertThat(other).extracting(DeliveryRelay.Claimed::id).doesNotContain(UUID.fromString(id));
            given().auth().oauth2(ADMIN).when().post("/api/v1/admin/deliveries/" + id + "/retry")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("being sent right now"));

            round.get(20, TimeUnit.SECONDS);
            assertThat(delivery(subscription, number).getString("state")).isEqualTo("DELIVERED");
            assertThat(WebhookReceiver.received(path)).hasSize(1);
            given().auth().oauth2(ADMIN).when().post("/api/v1/admin/deliveries/" + id + "/retry").then().statusCode(409);
        } finally {
            unsubscribe(subscription);
            WebhookReceiver.reset(path);
        }
    }

    @Test
    void aLateResultWithAStaleLeaseNumberIsIgnored() throws Throwable {
        String path = "/hooks/stale-" + UUID.randomUUID();
        String subscription = subscribe(path);
        try {
            String number = answeredIncident("Сделано");
            UUID id = delivery(subscription, number).getUUID("id");
            DeliveryRelay.Claimed stale = null;
            for (int round = 0; round < 20 && stale == null; round++) {
                stale = VertxContextSupport.subscribeAndAwait(() -> relay.claim()).stream()
                        .filter(c -> c.id().equals(id)).findFirst().orElse(null);
            }
            assertThat(stale).as("claimed by the first relay").isNotNull();
            // The first relay stalls past its lease; a second relay takes the row over and delivers it.
            pool.preparedQuery("update outbox_delivery set leased_until = now() - interval '1 second' where id = $1")
                    .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));
            for (int round = 0; round < 20 && !"DELIVERED".equals(delivery(subscription, number).getString("state")); round++) {
                VertxContextSupport.subscribeAndAwait(() -> relay.runOnce());
            }
            Row delivered = delivery(subscription, number);
            assertThat(delivered.getString("state")).isEqualTo("DELIVERED");
            assertThat(delivered.getLong("lease_number")).isGreaterThan(stale.leaseNumber());

            DeliveryRelay.Claimed late = stale;
            VertxContextSupport.subscribeAndAwait(() -> relay.record(late, "http://127.0.0.1:1",
                    new WebhookSender.Result(400, Optional.empty(), DeliveryFailure.http(400))));
            Row after = delivery(subscription, number);
            assertThat(after.getString("state")).as("DELIVERED is never overwritten by a stale result").isEqualTo("DELIVERED");
            assertThat(after.getInteger("attempts")).isEqualTo(delivered.getInteger("attempts"));
            List<Received> received = WebhookReceiver.received(path);
            assertThat(received).hasSize(1);
        } finally {
            unsubscribe(subscription);
            WebhookReceiver.reset(path);
        }
    }

}
