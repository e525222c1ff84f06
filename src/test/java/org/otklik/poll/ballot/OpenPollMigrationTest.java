package org.otklik.poll.ballot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.poll.PollFixtures.ADMIN;
import static org.otklik.poll.PollFixtures.ballot;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.count;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.uniqueSubject;
import static org.otklik.poll.PollFixtures.vote;
import static org.otklik.poll.PollFixtures.with;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import org.otklik.poll.PollFixtures;
import org.otklik.poll.tally.LiveRounds;
import org.otklik.poll.tally.PollOpening;
import org.otklik.poll.tally.TallyJobs;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A poll that was open when ballots became sealed (V140): its plain ballots, stored as the former
 * design stored them, stay until the close and are opened with the sealed ones; a revote of such a
 * voter replaces the plain ballot with a sealed one.
 */
@QuarkusTest
class OpenPollMigrationTest {

    @Inject
    Pool pool;

    @Inject
    ParticipationKeys keys;

    @Inject
    PollOpening opening;

    @Inject
    TallyJobs tallies;

    @Inject
    LiveRounds liveRounds;

    /** A claim without a sealed ballot and a plain ballot with its revote key and hour, as before V140. */
    private void plainBallot(UUID poll, String subject, String choice) {
        pool.preparedQuery("insert into poll_participation (poll_id, participation_key) values ($1, $2)")
                .execute(Tuple.of(poll, Buffer.buffer(keys.participation(poll, subject)))).await().indefinitely();
        pool.preparedQuery("""
                        insert into poll_ballot (receipt_hash, poll_id, revote_key, district, channel, answers, tally_keys, cast_hour)
                        values (sha256(convert_to($1, 'UTF8')), $2, $3, 'leninsky', 'WIDGET',
                                jsonb_build_array(jsonb_build_object('questionId', 'q1', 'optionCodes', jsonb_build_array($4::text)),
                                                  jsonb_build_object('questionId', 'q3', 'rating', 3)),
                                array['', 'q1', 'q1=' || $4, 'q3', 'q3=3'], date_trunc('hour', now()))""")
                .execute(Tuple.of(subject, poll, Buffer.buffer(keys.revote(poll, subject)), choice)).await().indefinitely();
    }

    @Test
    void plainBallotsOfAnOpenPollAreOpenedWithTheSealedOnesAndARevoteReplacesThem() {
        UUID poll = createOpen(with(definition(), "allowRevote", true));
        String stays = uniqueSubject("before-v140");
        String revotes = uniqueSubject("before-v140-revotes");
        plainBallot(poll, stays, "park");
        plainBallot(poll, revotes, "park");
        for (int i = 0; i < 9; i++) {
            vote(citizen(uniqueSubject("after-v140")), poll, ballot("trees", 4)).statusCode(201);
        }
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("participations", equalTo(11)).body("sealedBallots", equalTo(9))
                .body("ballots", equalTo(2));
        // The LIVE snapshot counts the plain ballots too.
        liveRounds.refresh();
        given().when().get("/api/v1/polls/" + poll + "/results").then().statusCode(200).body("participants", equalTo(11))
                .body("questions[0].options.find { it.code == 'park' }.count", equalTo(2));

        // The revote stores a sealed ballot and deletes the plain one, in one transaction.
        vote(citizen(revotes), poll, ballot("bikes", 1)).statusCode(201).body("replacedEarlierBallot", equalTo(true));
        assertThat(count(pool, "poll_ballot", poll)).isEqualTo(1);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(11);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("sealedBallots", equalTo(10)).body("ballots", equalTo(1));

        PollFixtures.closeAndOpen(opening, poll);
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(11))
                .body("questions[0].options.find { it.code == 'park' }.count", equalTo(1))
                .body("questions[0].options.find { it.code == 'bikes' }.count", equalTo(1))
                .body("questions[0].options.find { it.code == 'trees' }.count", equalTo(9));
        assertThat(pool.preparedQuery("""
                        select count(*) from poll_ballot
                        where poll_id = $1 and (revote_key is not null or participation_key is not null or cast_hour is not null)""")
                .execute(Tuple.of(poll)).await().indefinitely().iterator().next().getLong(0)).isZero();
        // The plain ballot's receipt (the former kind, 26 characters) reads like every other.
        given().auth().oauth2(ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then().statusCode(200)
                .body("consistent", equalTo(true)).body("phase", equalTo("OPENED")).body("ballots", equalTo(11))
                .body("tallied", equalTo(11));
    }

    @Test
    void aReceiptOfTheFormerKindStillChecksOut() {
        UUID poll = createOpen();
        String code = "7M2QK9D4XH6T1W8RZ3B5NC" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 4);
        pool.preparedQuery("""
                        insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, cast_hour)
                        values ($1, $2, 'leninsky', 'WIDGET', '[]'::jsonb, array[''], date_trunc('hour', now()))""")
                .execute(Tuple.of(Buffer.buffer(Receipts.hash(code)), poll)).await().indefinitely();
        PollFixtures.checkReceipt(code.toLowerCase()).statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("pollId", equalTo(poll.toString())).body("receipt", equalTo(code));
    }
}
