package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.poll.PollFixtures.ADMIN;
import static org.otklik.poll.PollFixtures.admin;
import static org.otklik.poll.PollFixtures.createDraft;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.text;
import static org.otklik.poll.PollFixtures.with;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.Parallel;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** Admins changing one poll at the same time, real parallel requests against the real database. */
@QuarkusTest
class PollAdminConcurrencyTest {

    private static final String CHANGED_MEANWHILE = "The poll was changed at the same time; read it again and retry.";

    @Inject
    Pool pool;

    private static Response put(UUID id, Object body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/admin/polls/" + id);
    }

    private long version(UUID id) {
        return pool.preparedQuery("select version from poll where id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void ofParallelPublishesOfOneDraftExactlyOneSucceeds() throws Exception {
        UUID id = createDraft(definition());
        List<Integer> statuses = Parallel.run(8, () -> admin("publish", id).extract().statusCode());
        assertThat(statuses).containsOnly(200, 409).containsOnlyOnce(200);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + id).then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("version", equalTo(1));
    }

    @Test
    void parallelEditsOfADraftLoseNoUpdate() throws Exception {
        UUID id = createDraft(definition());
        AtomicInteger next = new AtomicInteger();
        List<Response> answers = Parallel.run(8, () -> put(id, with(definition(), "title", text("Правка " + next.incrementAndGet()))));
        List<Response> written = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        assertThat(written).isNotEmpty();
        answers.stream().filter(answer -> answer.statusCode() != 200).forEach(answer -> {
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.jsonPath().getString("detail")).isEqualTo(CHANGED_MEANWHILE);
        });
        // each edit that was answered 200 moved the version once, from the draft's 0; none was overwritten unseen
        assertThat(version(id)).isEqualTo(written.size());
        List<Long> versions = written.stream().map(answer -> answer.jsonPath().getLong("version")).sorted().toList();
        assertThat(versions).doesNotHaveDuplicates().last().isEqualTo((long) written.size());
        String last = written.stream().filter(answer -> answer.jsonPath().getLong("version") == written.size())
                .findFirst().orElseThrow().jsonPath().getString("title.ru");
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + id).then().statusCode(200)
                .body("title.ru", equalTo(last));
    }

    @Test
    void aChangeMadeWhileAnEditWasUnderWayAnswers409() throws Exception {
        UUID id = createDraft(definition());
        SqlConnection other = pool.getConnection().await().indefinitely();
        try {
            int otherPid = other.query("select pg_backend_pid()").execute().await().indefinitely().iterator().next().getInteger(0);
            Transaction meanwhile = other.begin().await().indefinitely();
            other.preparedQuery("update poll set version = version + 1 where id = $1").execute(Tuple.of(id))
                    .await().indefinitely();
            CompletableFuture<Response> edit = CompletableFuture.supplyAsync(
                    () -> put(id, with(definition(), "title", text("Поздняя правка"))));
            Await.until("the edit waits for the other change's row lock", Duration.ofSeconds(30), () -> pool.preparedQuery(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and $1 = any(pg_blocking_pids(pid))")
                    .execute(Tuple.of(otherPid)).await().indefinitely().iterator().next().getLong(0) > 0);
            meanwhile.commit().await().indefinitely();
            Response answer = edit.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("detail")).isEqualTo(CHANGED_MEANWHILE);
        } finally {
            other.close().await().indefinitely();
        }
        assertThat(version(id)).isEqualTo(1);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + id).then().statusCode(200)
                .body("title.ru", equalTo("Благоустройство набережной"));
    }
}
