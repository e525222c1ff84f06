package org.otklik.poll;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.poll.PollFixtures.ADMIN;
import static org.otklik.poll.PollFixtures.answer;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.count;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.uniqueSubject;
import static org.otklik.poll.PollFixtures.vote;
import static org.otklik.poll.PollFixtures.with;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Real parallel HTTP requests against the real database. */
@QuarkusTest
class PollConcurrencyTest {

    private static final List<String> CHOICES = List.of("park", "bikes", "trees");
    private static final List<String> DISTRICTS = List.of("leninsky", "sovetsky", "samarsky", "kirovsky");
    private static ExecutorService clients;

    @Inject
    Pool pool;

    @Inject
    TallyJobs tallies;

    @BeforeAll
    static void startClients() {
        clients = Executors.newFixedThreadPool(32);
    }

    @AfterAll
    static void stopClients() {
        clients.shutdownNow();
    }

    /** Runs the calls together, released at once, and returns their HTTP statuses. */
    private static List<Integer> inParallel(List<Callable<Integer>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            futures.add(clients.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get(120, TimeUnit.SECONDS));
        }
        return statuses;
    }

    @Test
    void twoHundredCitizensVotingInParallelAreCountedExactly() throws Exception {
        UUID poll = createOpen();
        int voters = 200;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            tokens.add(citizen(uniqueSubject("crowd"), DISTRICTS.get(i % 4), "1985-03-03", i % 2 == 0 ? "otklik-widget" : "otklik-mobile"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            int n = i;
            Map<String, Object> ballot = Map.of("answers", List.of(
                    answer("q1", "optionCodes", List.of(CHOICES.get(n % 3))),
                    answer("q3", "rating", n % 5 + 1)));
            calls.add(() -> vote(tokens.get(n), poll, ballot).extract().statusCode());
        }
        assertThat(inParallel(calls)).containsOnly(201).hasSize(voters);
        tallies.refresh().await().indefinitely();

        long park = (voters + 2) / 3;
        long bikes = (voters + 1) / 3;
        long trees = voters / 3;
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(voters))
                .body("questions[0].answered", equalTo(voters))
                .body("questions[0].options.find { it.code == 'park' }.count", equalTo((int) park))
                .body("questions[0].options.find { it.code == 'bikes' }.count", equalTo((int) bikes))
                .body("questions[0].options.find { it.code == 'trees' }.count", equalTo((int) trees))
                .body("questions[2].distribution.count", equalTo(List.of(40, 40, 40, 40, 40)))
                .body("questions[2].mean", equalTo(3.0f))
                .body("byDistrict.groups.group", equalTo(DISTRICTS.stream().sorted().toList()))
                .body("byDistrict.groups.participants", equalTo(List.of(50, 50, 50, 50)))
                .body("byChannel.groups.find { it.group == 'WIDGET' }.participants", equalTo(100))
                .body("byChannel.groups.find { it.group == 'MOBILE' }.participants", equalTo(100));
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(voters);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(voters);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("pendingDeltas", equalTo(0));
    }

    @Test
    void oneCitizenSendingFiftyVotesAtOnceIsCountedOnce() throws Exception {
        UUID poll = createOpen();
        String token = citizen(uniqueSubject("eager"));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String choice = CHOICES.get(i % 3);
            calls.add(() -> vote(token, poll, PollFixtures.ballot(choice, 2)).extract().statusCode());
        }
        List<Integer> statuses = inParallel(calls);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        tallies.refresh().await().indefinitely();
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(1);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(1)).body("questions[0].answered", equalTo(1));
    }

    @Test
    void fiftyParallelRevotesLeaveExactlyOneBallot() throws Exception {
        UUID poll = createOpen(with(definition(), "allowRevote", true));
        String token = citizen(uniqueSubject("indecisive"));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String choice = CHOICES.get(i % 3);
            int rating = i % 5 + 1;
            calls.add(() -> vote(token, poll, PollFixtures.ballot(choice, rating)).extract().statusCode());
        }
        List<Integer> statuses = inParallel(calls);
        assertThat(statuses).allMatch(s -> s == 201 || s == 409).contains(201);
        tallies.refresh().await().indefinitely();
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(1);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(1))
                .body("questions[0].options.count.sum()", equalTo(1))
                .body("questions[2].distribution.count.sum()", equalTo(1));
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true));
    }
}
