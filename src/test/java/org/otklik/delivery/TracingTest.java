package org.otklik.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.DeliveryRounds;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.otklik.testsupport.WebhookReceiver;
import org.otklik.testsupport.WebhookReceiver.Received;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Tracing switched on (an OTLP endpoint configured; here the test's own HTTP receiver, taking OTLP over
 * HTTP/protobuf): a webhook carries a W3C {@code traceparent}, a 500's correlation id is the trace id, and
 * spans are exported. With tracing off
 * (every other test) no header goes out ({@code DeliveryTest}).
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@QuarkusTestResource(WebhookReceiver.class)
class TracingTest {

    /** An exporter endpoint on the receiver: the social reply path, told apart by its protobuf content type. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.traces.sampler", "always_on",
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "${otklik.delivery.social-url}",
                    "quarkus.otel.bsp.schedule.delay", "PT0.2S");
        }
    }

    static final String traceparentPattern = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";

    @Inject
    DeliveryRelay relay;

    @Test
    void webhooksCarryTheTraceparent() throws Throwable {
        String path = "/traced/" + System.nanoTime();
        String subscription = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("url", WebhookReceiver.baseUrl() + path, "events", List.of(DeliveryEvent.ANSWERED)))
                .when().post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
        try {
            String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("traced")), Feedback.pothole());
            Staff.accept(number);
            Staff.answer(TestTokens.operator(), number, "Яма заделана");
            DeliveryRounds.until(relay, "the webhook at " + path, () -> !WebhookReceiver.received(path).isEmpty());
            List<Received> received = WebhookReceiver.received(path);
            assertThat(received).isNotEmpty();
            assertThat(received.get(0).header("traceparent")).matches(traceparentPattern);
        } finally {
            given().auth().oauth2(TestTokens.admin()).when().delete("/api/v1/admin/webhooks/" + subscription);
        }
    }

    @Test
    void theCorrelationIdOfA500IsTheTraceIdAndSpansAreExported() throws Exception {
        String correlationId = given().when().get("/test-probe/boom").then().statusCode(500)
                .extract().path("correlationId");
        assertThat(correlationId).matches("[0-9a-f]{32}");
        Await.until("spans exported over OTLP", Duration.ofSeconds(10), () -> !exports().isEmpty());
    }

    private static List<Received> exports() {
        return java.util.stream.Stream.of("/social/reply", "/social/reply/v1/traces")
                .flatMap(path -> WebhookReceiver.received(path).stream())
                .filter(r -> "application/x-protobuf".equals(r.header("Content-Type"))).toList();
    }
}
