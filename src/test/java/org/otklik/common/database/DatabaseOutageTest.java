package org.otklik.common.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.DatabaseProxy;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL goes away behind a TCP proxy and comes back: every endpoint that needs it answers 503
 * with Retry-After within a second, nothing is half stored, and readiness follows by itself.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ThroughProxy.class)
class DatabaseOutageTest {

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxy.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otklik.db.wait.acquire", "700ms", "otklik.db.wait.connect", "300ms");
        }
    }

    private static final String OPERATOR = TestTokens.operator();
    private static final String ADMIN = TestTokens.admin();
    private static final long ONE_SECOND_MS = 1000;

    @Inject
    Pool pool;

    @AfterEach
    void restore() {
        DatabaseProxy.restore();
        awaitReadiness("UP");
    }

    private record Call(String name, Supplier<Response> request) {
    }

    /** Built while the database is up: the staff note carries the incident's current ETag. */
    private static List<Call> everyKindOfCall(String number, String citizen, String idempotencyKey, String marker) {
        String etag = Staff.currentTag(number);
        return List.of(
                new Call("public status", () -> given().when().get("/api/v1/incidents/" + number + "/status")),
                new Call("feedback", () -> given().auth().oauth2(citizen).header("Idempotency-Key", idempotencyKey)
                        .contentType("application/json").body(Feedback.body("roads.potholes", marker))
                        .when().post("/api/v1/feedback")),
                new Call("citizen's incidents", () -> given().auth().oauth2(citizen).when().get("/api/v1/me/incidents")),
                new Call("staff queue", () -> given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents")),
                new Call("staff note", () -> given().auth().oauth2(OPERATOR).header("If-Match", etag).contentType("application/json")
                        .body(Map.of("text", marker)).when().post("/api/v1/incidents/" + number + "/notes")),
                new Call("poll list", () -> given().when().get("/api/v1/polls")),
                new Call("ballot", () -> given().auth().oauth2(citizen).contentType("application/json")
                        .body(Map.of("answers", List.of(Map.of("questionId", "q1", "optionCodes", List.of("park")))))
                        .when().post("/api/v1/polls/" + UUID.randomUUID() + "/ballots")),
                new Call("open data", () -> given().when().get("/api/v1/stats/public?month=2026-01")),
                new Call("delivery log", () -> given().auth().oauth2(ADMIN).when().get("/api/v1/admin/deliveries")));
    }

    private static void assertUnavailableWithinASecond(Call call) {
        long started = System.nanoTime();
        Response response = call.request().get();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).as(call.name() + ": " + response.asString()).isEqualTo(503);
        assertThat(tookMs).as(call.name() + " answered within a second").isLessThan(ONE_SECOND_MS);
        assertThat(response.contentType()).as(call.name()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).as(call.name()).isEqualTo("5");
        assertThat(response.jsonPath().getString("type")).isEqualTo("https://otklik.org/problems/service-unavailable");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
    }

    @Test
    void aRefusedDatabaseIsAnswered503AndNothingIsHalfStored() {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("outage"));
        String number = Feedback.submitAs(citizen, Feedback.pothole());
        String marker = "Outage marker " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        List<Call> calls = everyKindOfCall(number, citizen, key, marker);

        // Reference data is kept for a minute: read just before the outage, it is still served during it.
        String categoriesTag = given().when().get("/api/v1/categories").then().statusCode(200).extract().header("ETag");

        DatabaseProxy.cut();
        given().when().get("/api/v1/categories").then().statusCode(200).header("ETag", categoriesTag);
        for (int round = 0; round < 2; round++) {
            calls.forEach(DatabaseOutageTest::assertUnavailableWithinASecond);
        }
        awaitReadiness("DOWN");

        DatabaseProxy.restore();
        awaitReadiness("UP");
        assertThat(count("select count(*) from incident where text = $1", marker)).as("no incident of the refused feedback").isZero();
        assertThat(count("select count(*) from incident_event where comment = $1", marker)).as("no note").isZero();

        String stored = given().auth().oauth2(citizen).header("Idempotency-Key", key).contentType("application/json")
                .body(Feedback.body("roads.potholes", marker)).when().post("/api/v1/feedback")
                .then().statusCode(201).extract().path("number");
        given().auth().oauth2(citizen).header("Idempotency-Key", key).contentType("application/json")
                .body(Feedback.body("roads.potholes", marker)).when().post("/api/v1/feedback")
                .then().statusCode(201).body("number", equalTo(stored));
        assertThat(count("select count(*) from incident where text = $1", marker)).isEqualTo(1);
        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200);
        Staff.act(OPERATOR, number, "notes", Map.of("text", marker)).statusCode(200);
        assertThat(count("select count(*) from incident_event where comment = $1", marker)).isEqualTo(1);
    }

    @Test
    void aDatabaseThatStopsAnsweringIsAnswered503WithinASecondToo() {
        String citizen = TestTokens.citizen(Feedback.uniqueSubject("stall"));
        String number = Feedback.submitAs(citizen, Feedback.pothole());
        String marker = "Stall marker " + UUID.randomUUID();
        List<Call> calls = everyKindOfCall(number, citizen, UUID.randomUUID().toString(), marker);

        DatabaseProxy.stall();
        calls.forEach(DatabaseOutageTest::assertUnavailableWithinASecond);

        DatabaseProxy.restore();
        awaitReadiness("UP");
        assertThat(count("select count(*) from incident where text = $1", marker)).isZero();
        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200);
    }

    @Test
    void constraintViolationsAndOtherStatementErrorsAreNotOutages() {
        io.vertx.pgclient.PgException duplicate = new io.vertx.pgclient.PgException("duplicate key", "ERROR", "23505", "detail");
        assertThat(DatabaseOutage.causedBy(new RuntimeException(duplicate))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("Timeout"))).isFalse();
        io.vertx.pgclient.PgException bouncer = new io.vertx.pgclient.PgException("server login has been failing", "ERROR", "08P01", null);
        assertThat(DatabaseOutage.causedBy(new java.util.concurrent.CompletionException(bouncer))).isTrue();
        assertThat(DatabaseOutage.causedBy(new org.hibernate.HibernateException(new java.net.ConnectException("Connection refused"))))
                .isTrue();
    }

    private static void awaitReadiness(String status) {
        Await.until("readiness " + status, Duration.ofSeconds(10),
                () -> status.equals(given().when().get("/q/health/ready").then().extract().path("status")));
    }

    private long count(String sql, String value) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(sql).execute(Tuple.of(value))
                    .map(rows -> rows.iterator().next().getLong(0)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
