package org.otklik.poll.ballot;

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

import org.otklik.poll.PollFixtures;
import org.otklik.poll.tally.PollOpening;

import io.micrometer.core.instrument.MeterRegistry;
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
    PollOpening opening;

    @Inject
    BallotKeys ballotKeys;

    @Inject
    MeterRegistry registry;

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
        // A trickle: single votes one after another, each committed alone (a vote is answered only once its batch is
        // committed, so the next one starts a batch of its own), sealed like the rest.
        for (int i = 0; i < 3; i++) {
            vote(citizen(uniqueSubject("trickle"), "leninsky", "1985-03-03", "otklik-widget"), poll,
                    Map.of("answers", List.of(answer("q1", "optionCodes", List.of("park")), answer("q3", "rating", 3))))
                    .statusCode(201);
        }
        int total = voters + 3;
        assertThat(count(pool, "poll_ballot", poll)).isZero();
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(total);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("sealedBallots", equalTo(total));

        PollFixtures.closeAndOpen(opening, poll);
        long park = (voters + 2) / 3 + 3;
        long bikes = (voters + 1) / 3;
        long trees = voters / 3;
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(total))
                .body("questions[0].answered", equalTo(total))
                .body("questions[0].options.find { it.code == 'park' }.count", equalTo((int) park))
                .body("questions[0].options.find { it.code == 'bikes' }.count", equalTo((int) bikes))
                .body("questions[0].options.find { it.code == 'trees' }.count", equalTo((int) trees))
                .body("questions[2].distribution.count", equalTo(List.of(40, 40, 43, 40, 40)))
                .body("byDistrict.groups.group", equalTo(DISTRICTS.stream().sorted().toList()))
                .body("byDistrict.groups.find { it.group == 'leninsky' }.participants", equalTo(53))
                .body("byChannel.groups.find { it.group == 'WIDGET' }.participants", equalTo(103))
                .body("byChannel.groups.find { it.group == 'MOBILE' }.participants", equalTo(100));
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(total);
        // Every opened ballot, the trickle's too, was written by one transaction of all of them.
        List<Long> perTransaction = pool.preparedQuery("select count(*) from poll_ballot where poll_id = $1 group by xmin")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(poll)).await().indefinitely().stream().map(r -> r.getLong(0)).toList();
        assertThat(perTransaction).containsExactly((long) total);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("ballots", equalTo(total)).body("tallied", equalTo(total))
                .body("ballotsByTransactionSize.tenOrMore", equalTo(total));
    }

    @Test
    void twoClosersAtOnceOpenThePollOnce() throws Exception {
        UUID poll = createOpen();
        for (int i = 0; i < 12; i++) {
            vote(citizen(uniqueSubject("closers")), poll, PollFixtures.ballot(CHOICES.get(i % 3), 2)).statusCode(201);
        }
        PollFixtures.admin("close", poll).statusCode(200);
        List<Callable<Integer>> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            closers.add(() -> (n % 2 == 0 ? opening.open(poll) : opening.openDue().map(done -> done > 0))
                    .await().indefinitely() ? 1 : 0);
        }
        List<Integer> opened = inParallel(closers);
        assertThat(opened.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(12);
        assertThat(count(pool, "poll_ballot_key", poll)).isZero();
        assertThat(opening.open(poll).await().indefinitely()).isFalse();
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("tallied", equalTo(12));
    }

    @Test
    void aCrashBetweenTheVotesAndTheCloseLosesNoVote() throws Exception {
        UUID poll = createOpen(with(definition(), "allowRevote", true));
        for (int i = 0; i < 11; i++) {
            vote(citizen(uniqueSubject("crash")), poll, PollFixtures.ballot("bikes", 4)).statusCode(201);
        }
        // The instance goes down: its unwrapped keys are gone; the database keeps the claims and sealed ballots.
        ballotKeys.forget();
        // The first opening dies half-way (the database refuses a ballot): nothing of it remains.
        pool.query("""
                create function test_refuse_opening() returns trigger language plpgsql as $$
                begin
                    raise exception 'test trigger: the opening dies here';
                end $$;
                create trigger test_refuse_opening before insert on poll_tally
                for each row execute function test_refuse_opening();""").execute().await().indefinitely();
        double failuresBefore = registry.counter("otklik.polls.close.failures").count();
        try {
            PollFixtures.admin("close", poll).statusCode(200);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> opening.open(poll).await().indefinitely())
                    .hasMessageContaining("the opening dies here");
        } finally {
            pool.query("drop trigger test_refuse_opening on poll_tally; drop function test_refuse_opening()").execute()
                    .await().indefinitely();
        }
        assertThat(registry.counter("otklik.polls.close.failures").count()).isEqualTo(failuresBefore + 1);
        assertThat(count(pool, "poll_ballot", poll)).isZero();
        assertThat(PollFixtures.sealed(pool, poll)).isEqualTo(11);
        assertThat(count(pool, "poll_ballot_key", poll)).isEqualTo(1);

        ballotKeys.forget();
        assertThat(opening.openDue().await().indefinitely()).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(11))
                .body("questions[0].options.find { it.code == 'bikes' }.count", equalTo(11));
        assertThat(registry.get("otklik.polls.close.duration").tag("outcome", "opened").timer().count()).isPositive();
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
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
        PollFixtures.closeAndOpen(opening, poll);
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(1);
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
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
        PollFixtures.closeAndOpen(opening, poll);
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(1);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(1))
                .body("questions[0].options.count.sum()", equalTo(1))
                .body("questions[2].distribution.count.sum()", equalTo(1));
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true));
    }
}
