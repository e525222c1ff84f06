package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class BallotIdempotencyTest {

    @Inject
    Pool pool;

    private static Response vote(String token, UUID poll, String key, Object ballot) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(ballot)
                .when().post("/api/v1/polls/" + poll + "/ballots");
    }

    @Test
    void aRetriedVoteReturnsTheFirstReceiptAndCountsOnce() {
        UUID poll = PollFixtures.createOpen();
        String citizen = PollFixtures.citizen(PollFixtures.uniqueSubject("idem"));
        String key = UUID.randomUUID().toString();
        Response first = vote(citizen, poll, key, PollFixtures.ballot("park", 4));
        Response retry = vote(citizen, poll, key, PollFixtures.ballot("park", 4));
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(PollFixtures.sealed(pool, poll)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBallotIs422() {
        UUID poll = PollFixtures.createOpen();
        String citizen = PollFixtures.citizen(PollFixtures.uniqueSubject("idem"));
        String key = UUID.randomUUID().toString();
        vote(citizen, poll, key, PollFixtures.ballot("park", 4)).then().statusCode(201);
        vote(citizen, poll, key, PollFixtures.ballot("bikes", 2)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("Idempotency-Key"));
        assertThat(PollFixtures.sealed(pool, poll)).isEqualTo(1);
    }

    @Test
    void aFailedVoteReleasesTheKey() {
        UUID poll = PollFixtures.createOpen();
        String citizen = PollFixtures.citizen(PollFixtures.uniqueSubject("idem"));
        String key = UUID.randomUUID().toString();
        vote(citizen, poll, key, PollFixtures.ballot("nonexistent-option", 4)).then().statusCode(400);
        vote(citizen, poll, key, PollFixtures.ballot("park", 4)).then().statusCode(201);
    }
}
