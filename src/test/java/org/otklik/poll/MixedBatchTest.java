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
import org.otklik.poll.ballot.ParticipationKeys;
import org.otklik.poll.tally.PollOpening;
import org.otklik.testsupport.LogCapture;
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
    PollOpening opening;

    @Inject
    ParticipationKeys keys;

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

        // Every claim, with its sealed ballot, shares its transaction with nine others; nothing is in the clear.
        List<Row> transactions = rows("""
                select xmin::text as tx, count(*) as claims, count(sealed) as sealed
                from poll_participation where poll_id = $1 group by xmin""", poll);
        assertThat(transactions).hasSize(20);
        for (Row tx : transactions) {
            assertThat(tx.getLong("claims")).as("claims of transaction %s", tx.getString("tx")).isEqualTo(10);
            assertThat(tx.getLong("sealed")).isEqualTo(10);
        }
        assertThat(count(pool, "poll_ballot", poll)).isZero();
        assertThat(count(pool, "poll_tally", poll)).isZero();

        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("sealedBallots", equalTo(voters)).body("participations", equalTo(voters))
                .body("ballots", equalTo(0));
        PollFixtures.closeAndOpen(opening, poll);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("ballots", equalTo(voters))
                .body("ballotsByTransactionSize.one", equalTo(0))
                .body("ballotsByTransactionSize.twoToNine", equalTo(0))
                .body("ballotsByTransactionSize.tenOrMore", equalTo(voters));
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
        assertThat(PollFixtures.sealed(pool, poll)).isEqualTo(5);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(5);
        assertThat(rows("select distinct xmin::text from poll_participation where poll_id = $1", poll)).hasSize(1);
    }

    @Test
    void fiftyParallelVotesOfOneCitizenCountOnce() throws Exception {
        UUID poll = createOpen();
        String token = citizen(uniqueSubject("eager"));
        AtomicInteger next = new AtomicInteger();
        List<Integer> statuses = Parallel.run(50, () -> vote(token, poll, ballot(next.getAndIncrement())).statusCode());
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        assertThat(PollFixtures.sealed(pool, poll)).isEqualTo(1);
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
        // A real failure inside the batch transaction: the database refuses the claim of one citizen of the ten.
        String refused = java.util.HexFormat.of().formatHex(keys.participation(poll, subjects.get(0)));
        pool.query("""
                create function test_refuse_claim() returns trigger language plpgsql as $$
                begin
                    if new.participation_key = '\\x%s'::bytea then
                        raise exception 'test trigger refuses this claim';
                    end if;
                    return new;
                end $$;
                create trigger test_refuse_claim before insert on poll_participation
                for each row execute function test_refuse_claim();""".formatted(refused)).execute().await().indefinitely();
        List<Response> answers;
        try (LogCapture log = LogCapture.install()) {
            AtomicInteger next = new AtomicInteger();
            answers = Parallel.run(10, () -> {
                int n = next.getAndIncrement();
                return vote(tokens.get(n), poll, ballot(n));
            });
            assertThat(log.lines()).anyMatch(line -> line.contains("could not be stored"));
            for (String subject : subjects) {
                assertThat(log.lines()).noneMatch(line -> line.contains(subject));
            }
        } finally {
            pool.query("drop trigger test_refuse_claim on poll_participation; drop function test_refuse_claim()").execute()
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

        AtomicInteger again = new AtomicInteger();
        assertThat(Parallel.run(10, () -> {
            int n = again.getAndIncrement();
            return vote(tokens.get(n), poll, ballot(n)).statusCode();
        })).containsOnly(201);
        assertThat(PollFixtures.sealed(pool, poll)).isEqualTo(10);
    }

    private List<Row> rows(String sql, UUID poll) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(poll)).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
