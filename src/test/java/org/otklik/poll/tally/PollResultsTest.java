package org.otklik.poll.tally;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.otklik.poll.PollFixtures.ADMIN;
import static org.otklik.poll.PollFixtures.admin;
import static org.otklik.poll.PollFixtures.answer;
import static org.otklik.poll.PollFixtures.ballot;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.createDraft;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.setWindow;
import static org.otklik.poll.PollFixtures.uniqueSubject;
import static org.otklik.poll.PollFixtures.vote;
import static org.otklik.poll.PollFixtures.with;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.poll.PollFixtures;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PollResultsTest {

    @Inject
    Pool pool;

    @Inject
    TallyJobs tallies;

    @Inject
    LiveRounds liveRounds;

    @Inject
    PollOpening opening;

    @Inject
    MeterRegistry registry;

    private static int publicStatus(UUID poll) {
        return given().when().get("/api/v1/polls/" + poll + "/results").then().extract().statusCode();
    }

    private static void adminSees(UUID poll, int participants) {
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(participants));
    }

    @Test
    void liveResultsShowFromOpeningOn() {
        UUID poll = createOpen(with(definition(), "resultsPolicy", "LIVE"));
        setWindow(pool, poll, "1 hour", "2 hours");
        assertThat(publicStatus(poll)).isEqualTo(409);
        given().when().get("/api/v1/polls/" + poll).then().body("resultsVisible", equalTo(false));
        setWindow(pool, poll, "-1 hour", "2 hours");
        vote(citizen(uniqueSubject("live")), poll, ballot("park", 4)).statusCode(201);
        liveRounds.refresh();
        assertThat(publicStatus(poll)).isEqualTo(200);
        given().when().get("/api/v1/polls/" + poll).then().body("resultsVisible", equalTo(true));
    }

    @Test
    void liveResultsMoveOnlyInStepsOfTheThresholdWithoutBreakdownsUntilTheClose() {
        UUID poll = createOpen();
        voteMany(poll, "leninsky", "otklik-widget", 9);
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(0))
                .body("questions[0].options.count.sum()", equalTo(0))
                .body("byDistrict.groups.size()", equalTo(0));
        adminSees(poll, 0);

        voteMany(poll, "leninsky", "otklik-widget", 1);
        liveRounds.refresh();
        String firstStep = given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(10))
                .body("questions[0].options.find { it.code == 'trees' }.count", equalTo(10))
                .body("byDistrict.groups.size()", equalTo(0)).body("byDistrict.hiddenGroups", equalTo(0))
                .body("byChannel.groups.size()", equalTo(0))
                .extract().path("asOf");
        adminSees(poll, 10);

        voteMany(poll, "sovetsky", "otklik-mobile", 9);
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(10)).body("asOf", equalTo(firstStep));
        adminSees(poll, 10);

        voteMany(poll, "sovetsky", "otklik-mobile", 1);
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(20))
                .body("byChannel.groups.size()", equalTo(0));
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(20)).body("byDistrict.groups.size()", equalTo(0));
        voteMany(poll, "samarsky", "otklik-widget", 1);
        liveRounds.refresh();
        adminSees(poll, 20);

        PollFixtures.closeAndOpen(opening, poll);
        adminSees(poll, 21);
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(21)).body("state", equalTo("CLOSED"))
                .body("byChannel.groups.find { it.group == 'MOBILE' }.participants", equalTo(10))
                // samarsky (1) is hidden, and one group of 10 with it, or 21 - 10 - 10 would give samarsky away
                .body("byDistrict.groups.size()", equalTo(1)).body("byDistrict.hiddenGroups", equalTo(2));
    }

    @Test
    void afterCloseResultsWaitForTheOpening() {
        UUID poll = createOpen(with(definition(), "resultsPolicy", "AFTER_CLOSE"));
        vote(citizen(uniqueSubject("ac")), poll, ballot("park", 4)).statusCode(201);
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/results-not-yet-public"));
        admin("close", poll).statusCode(200);
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(409)
                .body("detail", containsString("being opened"));
        assertThat(opening.open(poll).await().indefinitely()).isTrue();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200).body("participants", equalTo(1))
                .body("state", equalTo("CLOSED"));
        adminSees(poll, 1);
        admin("archive", poll).statusCode(200);
        assertThat(publicStatus(poll)).isEqualTo(200);
    }

    @Test
    void hiddenResultsAreForAdminsOnly() {
        UUID poll = createOpen(with(definition(), "resultsPolicy", "HIDDEN"));
        vote(citizen(uniqueSubject("hidden")), poll, ballot("park", 4)).statusCode(201);
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(403)
                .body("type", equalTo("https://otklik.org/problems/results-not-public"));
        PollFixtures.closeAndOpen(opening, poll);
        assertThat(publicStatus(poll)).isEqualTo(403);
        given().auth().oauth2(PollFixtures.citizen("curious")).when().get("/api/v1/polls/" + poll + "/results").then().statusCode(403);
        adminSees(poll, 1);
    }

    @Test
    void aDraftHasNoPublicResults() {
        UUID draft = createDraft(with(definition(), "resultsPolicy", "LIVE"));
        assertThat(publicStatus(draft)).isEqualTo(404);
        assertThat(publicStatus(UUID.randomUUID())).isEqualTo(404);
    }

    @Test
    void aggregatesCoverChoicesRatingsAndTextCountsOnly() {
        UUID poll = createOpen();
        vote(citizen(uniqueSubject("a")), poll, Map.of("answers", List.of(answer("q1", "optionCodes", List.of("park")),
                answer("q2", "optionCodes", List.of("light", "wc")), answer("q3", "rating", 5),
                answer("q4", "text", "Секретное предложение")))).statusCode(201);
        vote(citizen(uniqueSubject("b")), poll, Map.of("answers", List.of(answer("q1", "optionCodes", List.of("bikes")),
                answer("q2", "optionCodes", List.of("light")), answer("q3", "rating", 2)))).statusCode(201);
        vote(citizen(uniqueSubject("c")), poll, ballot("park", 4)).statusCode(201);
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(0)).body("questions[0].answered", equalTo(0));
        PollFixtures.closeAndOpen(opening, poll);
        String body = given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(3))
                .body("questions[0].options.find { it.code == 'park' }.share", equalTo(0.6667f))
                .body("questions[1].answered", equalTo(2))
                .body("questions[1].options.find { it.code == 'light' }.share", equalTo(1.0f))
                .body("questions[1].options.find { it.code == 'wc' }.count", equalTo(1))
                .body("questions[1].options.find { it.code == 'benches' }.count", equalTo(0))
                .body("questions[2].mean", equalTo(3.67f))
                .body("questions[2].distribution.count", equalTo(List.of(0, 1, 0, 1, 1)))
                .body("questions[3].answered", equalTo(1))
                .extract().asString();
        assertThat(body).doesNotContain("Секретное");
    }

    @Test
    void smallBreakdownGroupsAreHiddenAndCannotBeDerived() {
        UUID poll = createOpen();
        voteMany(poll, "leninsky", "otklik-widget", 12);
        voteMany(poll, "sovetsky", "otklik-widget", 10);
        voteMany(poll, "kirovsky", "otklik-mobile", 3);
        PollFixtures.closeAndOpen(opening, poll);
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(25))
                .body("smallGroupThreshold", equalTo(10))
                // kirovsky (3) is under the threshold; sovetsky (10) is hidden too, or 25 - 12 - 10 would give kirovsky away
                .body("byDistrict.groups.group", equalTo(List.of("leninsky")))
                .body("byDistrict.groups[0].participants", equalTo(12))
                .body("byDistrict.hiddenGroups", equalTo(2))
                // MOBILE (3) is under the threshold, and WIDGET (22) = 25 - 3 would give it away
                .body("byChannel.groups.size()", equalTo(0))
                .body("byChannel.hiddenGroups", equalTo(2))
                .body(not(containsString("kirovsky")));
    }

    private static void voteMany(UUID poll, String district, String client, int voters) {
        for (int i = 0; i < voters; i++) {
            vote(citizen(uniqueSubject(district), district, "1970-07-07", client), poll, ballot("trees", 3)).statusCode(201);
        }
    }

    @Test
    void theCsvExportOpensWithCyrillicInSpreadsheets() {
        UUID poll = createOpen();
        voteMany(poll, "samarsky", "otklik-widget", 10);
        PollFixtures.closeAndOpen(opening, poll);
        byte[] csv = given().auth().oauth2(ADMIN).accept("text/csv").when().get("/api/v1/admin/polls/" + poll + "/results")
                .then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract().asByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        List<String> lines = text.lines().toList();
        assertThat(text).contains("\r\n");
        assertThat(lines.get(0)).startsWith("разрез;группа;участников;");
        assertThat(lines).contains("ALL;;10;q1;Что важнее всего?;SINGLE;10;trees;Деревья;10;1,0000");
        assertThat(lines).contains("DISTRICT;samarsky;10;q3;Оцените набережную;RATING;10;3;3;10;1,0000");
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .contentType("application/json");
        given().auth().oauth2(ADMIN).accept("text/html").when().get("/api/v1/admin/polls/" + poll + "/results").then()
                .statusCode(406).contentType("application/problem+json");
    }

    @Test
    void theConsistencyCheckFindsTamperedTallies() {
        UUID poll = createOpen();
        vote(citizen(uniqueSubject("t")), poll, ballot("park", 4)).statusCode(201);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("phase", equalTo("SEALED")).body("sealedBallots", equalTo(1))
                .body("participations", equalTo(1)).body("ballots", equalTo(0)).body("tallied", equalTo(0));
        // A claim without its sealed ballot is a lost vote: the check says so before the close.
        pool.preparedQuery("update poll_participation set sealed = null where poll_id = $1").execute(Tuple.of(poll))
                .await().indefinitely();
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(false)).body("sealedBallots", equalTo(0));
        UUID sound = createOpen();
        vote(citizen(uniqueSubject("t")), sound, ballot("park", 4)).statusCode(201);
        poll = sound;
        PollFixtures.closeAndOpen(opening, poll);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("phase", equalTo("OPENED")).body("ballots", equalTo(1))
                .body("participations", equalTo(1)).body("tallied", equalTo(1)).body("sealedBallots", equalTo(0));
        pool.preparedQuery("update poll_tally set votes = votes + 1 where poll_id = $1 and dimension = 'ALL' and tally_key = 'q1=park'")
                .execute(Tuple.of(poll)).await().indefinitely();
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(false))
                .body("differences.size()", equalTo(1))
                .body("differences[0].dimension", equalTo("ALL"))
                .body("differences[0].key", equalTo("q1=park"))
                .body("differences[0].ballots", equalTo(1))
                .body("differences[0].tallies", equalTo(2));

        double before = registry.counter("otklik.poll.tally.mismatches").count();
        tallies.scheduledCheck().await().indefinitely();
        assertThat(registry.counter("otklik.poll.tally.mismatches").count()).isGreaterThan(before);
        pool.preparedQuery("update poll_tally set votes = votes - 1 where poll_id = $1 and dimension = 'ALL' and tally_key = 'q1=park'")
                .execute(Tuple.of(poll)).await().indefinitely();
    }
}
