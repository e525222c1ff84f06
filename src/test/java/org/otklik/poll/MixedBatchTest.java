package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.poll.PollFixtures.ADMIN;
import static org.otklik.poll.PollFixtures.answer;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.count;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.uniqueSubject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Parallel;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Mixed group commit with batches of exactly ten votes (min-batch = max-batch = 10, and a max-wait
 * long enough that no batch is written short), through parallel HTTP requests and the real database.
 */
@QuarkusTest
@TestProfile(MixedBatchTest.BatchesOfTen.class)
class MixedBatchTest {

    public static class BatchesOfTen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otklik.polls.mix.min-batch", "10", "otklik.polls.mix.max-batch", "10",
                    "otklik.polls.mix.max-wait", "30s");
        }
    }

    private static final List<String> CHOICES = List.of("park", "bikes", "trees");
    private static final List<String> DISTRICTS = List.of("leninsky", "sovetsky", "samarsky", "kirovsky");

    @Inject
    Pool pool;

    @Inject
    TallyJobs tallies;

    private static Response vote(String token, UUID poll, Object ballot) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(ballot)
                .when().post("/api/v1/polls/" + poll + "/ballots");
    }

    private static Map<String, Object> ballot(int n) {
        return Map.of("answers", List.of(answer("q1", "optionCodes", List.of(CHOICES.get(n % 3))),
                answer("q3", "rating", n % 5 + 1)));
    }

    @Test
    void twoHundredCitizensAreCommittedInBatchesOfTenAndCountedExactly() throws Exception {
        UUID poll = createOpen();
        int voters = 200;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            tokens.add(citizen(uniqueSubject("mixed"), DISTRICTS.get(i % 4), "1985-03-03",
                    i % 2 == 0 ? "otklik-widget" : "otklik-mobile"));
        }
        AtomicInteger next = new AtomicInteger();
        List<Integer> statuses = Parallel.run(voters, () -> {
            int n = next.getAndIncrement();
            return vote(tokens.get(n), poll, ballot(n)).statusCode();
        });
        assertThat(statuses).hasSize(voters).containsOnly(201);

        // Every ballot shares its transaction with nine others, and its batch's claims were written by it too.
        List<Row> transactions = rows("""
                select b.xmin::text as tx, count(*) as ballots, min(b.batch_size) as smallest, max(b.batch_size) as largest,
                       (select count(*) from poll_participation p where p.poll_id = $1 and p.xmin = b.xmin) as claims
                from poll_ballot b where b.poll_id = $1 group by b.xmin""", poll);
        assertThat(transactions).hasSize(20);
        for (Row tx : transactions) {
            assertThat(tx.getLong("ballots")).as("ballots of transaction %s", tx.getString("tx")).isEqualTo(10);
            assertThat(tx.getInteger("smallest")).isEqualTo(10);
            assertThat(tx.getInteger("largest")).isEqualTo(10);
            assertThat(tx.getLong("claims")).isEqualTo(10);
        }
        // Summed per key: one delta row per key and batch, never one per ballot.
        assertThat(rows("""
                select count(*) from poll_tally_delta where poll_id = $1
                group by dimension, group_value, tally_key having count(*) > 20""", poll)).isEmpty();

        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("ballots", equalTo(voters)).body("participations", equalTo(voters))
                .body("ballotsByTransactionSize.one", equalTo(0))
                .body("ballotsByTransactionSize.twoToNine", equalTo(0))
                .body("ballotsByTransactionSize.tenOrMore", equalTo(voters));
        tallies.refresh().await().indefinitely();
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("pendingDeltas", equalTo(0));
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(voters))
                .body("questions[0].options.find { it.code == 'park' }.count", equalTo(67))
                .body("questions[0].options.find { it.code == 'bikes' }.count", equalTo(67))
                .body("questions[0].options.find { it.code == 'trees' }.count", equalTo(66))
                .body("questions[2].distribution.count", equalTo(List.of(40, 40, 40, 40, 40)))
                .body("byDistrict.groups.participants", equalTo(List.of(50, 50, 50, 50)))
                .body("byChannel.groups.find { it.group == 'MOBILE' }.participants", equalTo(100));
    }

    @Test
    void twoVotesOfOneCitizenInOneBatchCountOnce() throws Exception {
        UUID poll = createOpen();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(citizen(uniqueSubject("double")));
        }
        AtomicInteger next = new AtomicInteger();
        List<Integer> statuses = Parallel.run(10, () -> {
            int n = next.getAndIncrement();
            return vote(tokens.get(n % 5), poll, ballot(n)).statusCode();
        });
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(5);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(5);
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(5);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(5);
        assertThat(rows("select distinct xmin::text from poll_ballot where poll_id = $1", poll)).hasSize(1);
        assertThat(rows("select batch_size from poll_ballot where poll_id = $1 and batch_size = 5", poll)).hasSize(5);
    }

    @Test
    void fiftyParallelVotesOfOneCitizenCountOnce() throws Exception {
        UUID poll = createOpen();
        String token = citizen(uniqueSubject("eager"));
        AtomicInteger next = new AtomicInteger();
        List<Integer> statuses = Parallel.run(50, () -> vote(token, poll, ballot(next.getAndIncrement())).statusCode());
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(1);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
    }

    @Test
    void aBatchThatFailsStoresNothingAndAnswersEveryVote503() throws Exception {
        UUID poll = createOpen();
        List<String> tokens = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            subjects.add(uniqueSubject("unlucky"));
            tokens.add(citizen(subjects.get(i)));
        }
        // A real failure inside the batch transaction: the database refuses one ballot of the ten.
        pool.query("""
                create function test_refuse_ballot() returns trigger language plpgsql as $$
                begin
                    if new.answers::text like '%REFUSE-THIS-BALLOT%' then
                        raise exception 'test trigger refuses this ballot';
                    end if;
                    return new;
                end $$;
                create trigger test_refuse_ballot before insert on poll_ballot
                for each row execute function test_refuse_ballot();""").execute().await().indefinitely();
        List<Response> answers;
        try (LogCapture log = LogCapture.install()) {
            AtomicInteger next = new AtomicInteger();
            answers = Parallel.run(10, () -> {
                int n = next.getAndIncrement();
                Object ballot = n == 0
                        ? Map.of("answers", List.of(answer("q1", "optionCodes", List.of("park")), answer("q3", "rating", 1),
                                answer("q4", "text", "REFUSE-THIS-BALLOT")))
                        : ballot(n);
                return vote(tokens.get(n), poll, ballot);
            });
            assertThat(log.lines()).anyMatch(line -> line.contains("could not be stored"));
            for (String subject : subjects) {
                assertThat(log.lines()).noneMatch(line -> line.contains(subject));
            }
        } finally {
            pool.query("drop trigger test_refuse_ballot on poll_ballot; drop function test_refuse_ballot()").execute()
                    .await().indefinitely();
        }
        for (Response answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(answer.jsonPath().getString("type")).isEqualTo("https://otklik.org/problems/service-unavailable");
        }
        assertThat(count(pool, "poll_participation", poll)).isZero();
        assertThat(count(pool, "poll_ballot", poll)).isZero();
        assertThat(count(pool, "poll_tally_delta", poll)).isZero();

        AtomicInteger again = new AtomicInteger();
        assertThat(Parallel.run(10, () -> {
            int n = again.getAndIncrement();
            return vote(tokens.get(n), poll, ballot(n)).statusCode();
        })).containsOnly(201);
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(10);
    }

    private List<Row> rows(String sql, UUID poll) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(poll)).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
