package org.otklik.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class IdempotentIntakeTest {

    private static Response post(String token, String key, Object body) {
        var request = given().auth().oauth2(token).contentType("application/json").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/feedback");
    }

    private static int countOwnIncidents(String token) {
        return given().auth().oauth2(token).queryParam("limit", 100).when().get("/api/v1/me/incidents")
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void replayReturnsTheFirstResponse() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("idem"));
        String key = UUID.randomUUID().toString();
        Response first = post(token, key, Feedback.pothole());
        Response second = post(token, key, Feedback.pothole());
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(countOwnIncidents(token)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndChangesNothing() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("idem"));
        String key = UUID.randomUUID().toString();
        post(token, key, Feedback.pothole()).then().statusCode(201);
        post(token, key, Feedback.body("other", "Совсем другой текст")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("Idempotency-Key"));
        assertThat(countOwnIncidents(token)).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String alice = TestTokens.citizen(Feedback.uniqueSubject("alice"));
        String bob = TestTokens.citizen(Feedback.uniqueSubject("bob"));
        String first = post(alice, key, Feedback.pothole()).then().statusCode(201).extract().path("number");
        String second = post(bob, key, Feedback.pothole()).then().statusCode(201).extract().path("number");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void badKeysAreRefused() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("idem"));
        post(token, "k".repeat(256), Feedback.pothole()).then().statusCode(400)
                .body("errors[0].parameter", equalTo("Idempotency-Key"));
        post(token, "has space", Feedback.pothole()).then().statusCode(400);
        assertThat(countOwnIncidents(token)).isZero();
    }

    @Test
    void fiftyParallelIdenticalRequestsMakeExactlyOneIncident() throws Exception {
        String token = TestTokens.citizen(Feedback.uniqueSubject("race"));
        String key = UUID.randomUUID().toString();
        List<Response> responses = Parallel.run(50, () -> post(token, key, Feedback.pothole()));
        Set<String> bodies = new HashSet<>();
        for (Response response : responses) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
            bodies.add(response.asString());
        }
        assertThat(bodies).hasSize(1);
        assertThat(countOwnIncidents(token)).isEqualTo(1);
    }

    @Test
    void fiftyParallelGosuslugiRepeatsMakeExactlyOneIncident() throws Exception {
        String token = TestTokens.integration("gosuslugi-pos");
        Map<String, Object> body = Feedback.body("housing.hot_water", "Нет горячей воды");
        body.put("externalId", "POS-" + UUID.randomUUID());
        body.put("citizenId", "1000999");
        List<Response> responses = Parallel.run(50, () -> post(token, null, body));
        Set<String> numbers = new HashSet<>();
        int created = 0;
        for (Response response : responses) {
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 201);
            if (response.statusCode() == 201) {
                created++;
            }
            numbers.add(response.path("number"));
        }
        assertThat(created).isEqualTo(1);
        assertThat(numbers).hasSize(1);
    }
}
