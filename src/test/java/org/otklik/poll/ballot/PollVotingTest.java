package org.otklik.poll.ballot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.otklik.poll.PollFixtures.admin;
import static org.otklik.poll.PollFixtures.answer;
import static org.otklik.poll.PollFixtures.ballot;
import static org.otklik.poll.PollFixtures.checkReceipt;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.closeAndOpen;
import static org.otklik.poll.PollFixtures.count;
import static org.otklik.poll.PollFixtures.createDraft;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.sealed;
import static org.otklik.poll.PollFixtures.setWindow;
import static org.otklik.poll.PollFixtures.uniqueSubject;
import static org.otklik.poll.PollFixtures.vote;
import static org.otklik.poll.PollFixtures.with;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.otklik.poll.PollFixtures;
import org.otklik.poll.tally.PollOpening;
import org.otklik.routing.CalendarConfig;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PollVotingTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @Inject
    PollOpening opening;

    @Inject
    CalendarConfig calendar;

    private void assertNothingStored(UUID pollId) {
        assertThat(count(pool, "poll_participation", pollId)).isZero();
        assertThat(count(pool, "poll_ballot", pollId)).isZero();
        assertThat(count(pool, "poll_ballot_key", pollId)).isZero();
    }

    @Test
    void aValidBallotIsCountedAndAnsweredWithAReceipt() {
        UUID poll = createOpen();
        Map<String, Object> full = Map.of("answers", List.of(
                answer("q4", "text", "  Больше деревьев  "),
                answer("q1", "optionCodes", List.of("trees")),
                answer("q2", "optionCodes", List.of("wc", "light")),
                answer("q3", "rating", 5)));
        String receipt = vote(citizen(uniqueSubject("voter")), poll, full).statusCode(201)
                .contentType(ContentType.JSON)
                .body("pollId", equalTo(poll.toString()))
                .body("receipt", matchesPattern("[0-9A-Z]{58}"))
                .body("castHour", matchesPattern(".*T\\d\\d:00:00\\+04:00"))
                .body("replacedEarlierBallot", equalTo(false))
                .header("Location", nullValue())
                .extract().path("receipt");
        assertThat(count(pool, "poll_ballot", poll)).isZero();
        assertThat(sealed(pool, poll)).isEqualTo(1);
        Map<String, Object> check = checkReceipt(receipt).statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("pollId", equalTo(poll.toString()))
                .body("pollTitle.ru", equalTo("Благоустройство набережной"))
                .body("castHour", matchesPattern(".*T\\d\\d:00:00\\+04:00"))
                .extract().jsonPath().getMap("$");
        assertThat(check).containsOnlyKeys("receipt", "pollId", "pollTitle", "castHour", "status");

        closeAndOpen(opening, poll);
        Row stored = pool.preparedQuery("""
                        select answers::text, tally_keys, district, channel, receipt_hash, cast_hour, revote_key, participation_key
                        from poll_ballot where poll_id = $1""")
                .execute(Tuple.of(poll)).await().indefinitely().iterator().next();
        assertThat(stored.getString(0)).contains("\"Больше деревьев\"").contains("[\"wc\", \"light\"]");
        assertThat(stored.getArrayOfStrings("tally_keys"))
                .containsExactly("", "q1", "q1=trees", "q2", "q2=wc", "q2=light", "q3", "q3=5", "q4");
        assertThat(stored.getString("district")).isEqualTo("leninsky");
        assertThat(stored.getString("channel")).isEqualTo("WIDGET");
        assertThat(stored.getBuffer("receipt_hash").getBytes()).isEqualTo(Receipts.hash(receipt));
        assertThat(stored.getValue("cast_hour")).isNull();
        assertThat(stored.getValue("revote_key")).isNull();
        assertThat(stored.getValue("participation_key")).isNull();
        assertThat(sealed(pool, poll)).isZero();
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
        assertThat(count(pool, "poll_ballot_key", poll)).isZero();

        checkReceipt(receipt).statusCode(200).body("status", equalTo("COUNTED")).body("pollId", equalTo(poll.toString()));
        String typed = receipt.toLowerCase().substring(0, 13) + "-" + receipt.toLowerCase().substring(13);
        checkReceipt(typed).statusCode(200).body("receipt", equalTo(receipt));
    }

    @Test
    void unknownAndMalformedReceipts() {
        String forged = "0".repeat(Receipts.LENGTH - 1) + "0";
        checkReceipt(forged).statusCode(404).contentType(PROBLEM);
        checkReceipt("0".repeat(26)).statusCode(404).contentType(PROBLEM);
        checkReceipt("short").statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/receipt"));
        checkReceipt("U".repeat(26)).statusCode(400).contentType(PROBLEM);
        checkReceipt(null).statusCode(400).contentType(PROBLEM);
        checkReceipt(26).statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"receipt\": \"" + "0".repeat(26) + "\", \"x\": 1}")
                .when().post("/api/v1/polls/receipt-checks").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).when().post("/api/v1/polls/receipt-checks").then().statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.TEXT).body("0".repeat(26)).when().post("/api/v1/polls/receipt-checks").then()
                .statusCode(415).contentType(PROBLEM);
    }

    @Test
    void aReceiptWithAnotherPollsSignatureIsUnknown() {
        UUID poll = createOpen();
        String receipt = vote(citizen(uniqueSubject("sig")), poll, ballot("park", 3)).statusCode(201).extract().path("receipt");
        // Flip one character of the random part: the signature no longer matches.
        char[] chars = receipt.toCharArray();
        chars[35] = chars[35] == '0' ? '1' : '0';
        checkReceipt(new String(chars)).statusCode(404).contentType(PROBLEM);
    }

    @Test
    void theOldReceiptUrlIsGoneAndNamesThePostCheck() {
        UUID poll = createOpen();
        String receipt = vote(citizen(uniqueSubject("gone")), poll, ballot("park", 3)).statusCode(201).extract().path("receipt");
        given().when().get("/api/v1/polls/receipts/" + receipt).then().statusCode(410).contentType(PROBLEM)
                .body("type", equalTo("https://otklik.org/problems/receipt-check-moved"))
                .body("detail", containsString("POST /api/v1/polls/receipt-checks"));
        given().when().get("/api/v1/polls/receipts/anything").then().statusCode(410).contentType(PROBLEM);
    }

    static Stream<Arguments> invalidBallots() {
        Map<String, Object> q1 = answer("q1", "optionCodes", List.of("park"));
        Map<String, Object> q3 = answer("q3", "rating", 3);
        return Stream.of(
                Arguments.of("no answers member", Map.of(), "/answers"),
                Arguments.of("required question missing", Map.of("answers", List.of(q1)), "/answers"),
                Arguments.of("unknown question", Map.of("answers", List.of(q1, q3, answer("q9", "rating", 1))), "/answers/2/questionId"),
                Arguments.of("question answered twice", Map.of("answers", List.of(q1, q3, q1)), "/answers/2/questionId"),
                Arguments.of("no question id", Map.of("answers", List.of(q1, q3, Map.of("rating", 1))), "/answers/2/questionId"),
                Arguments.of("two options on SINGLE", Map.of("answers", List.of(answer("q1", "optionCodes", List.of("park", "bikes")), q3)), "/answers/0/optionCodes"),
                Arguments.of("no option on SINGLE", Map.of("answers", List.of(answer("q1", "optionCodes", List.of()), q3)), "/answers/0/optionCodes"),
                Arguments.of("SINGLE without optionCodes", Map.of("answers", List.of(answer("q1"), q3)), "/answers/0/optionCodes"),
                Arguments.of("unknown option", Map.of("answers", List.of(answer("q1", "optionCodes", List.of("zoo")), q3)), "/answers/0/optionCodes/0"),
                Arguments.of("too many on MULTIPLE", Map.of("answers", List.of(q1, q3, answer("q2", "optionCodes", List.of("light", "benches", "wc")))), "/answers/2/optionCodes"),
                Arguments.of("option chosen twice", Map.of("answers", List.of(q1, q3, answer("q2", "optionCodes", List.of("light", "light")))), "/answers/2/optionCodes/1"),
                Arguments.of("rating above scale", Map.of("answers", List.of(q1, answer("q3", "rating", 6))), "/answers/1/rating"),
                Arguments.of("rating below 1", Map.of("answers", List.of(q1, answer("q3", "rating", 0))), "/answers/1/rating"),
                Arguments.of("RATING without rating", Map.of("answers", List.of(q1, answer("q3"))), "/answers/1/rating"),
                Arguments.of("rating on a SINGLE question", Map.of("answers", List.of(answer("q1", "optionCodes", List.of("park"), "rating", 2), q3)), "/answers/0/rating"),
                Arguments.of("text on a RATING question", Map.of("answers", List.of(q1, answer("q3", "rating", 2, "text", "x"))), "/answers/1/text"),
                Arguments.of("options on a TEXT question", Map.of("answers", List.of(q1, q3, answer("q4", "optionCodes", List.of("park")))), "/answers/2/optionCodes"),
                Arguments.of("text too long", Map.of("answers", List.of(q1, q3, answer("q4", "text", "я".repeat(51)))), "/answers/2/text"),
                Arguments.of("blank text", Map.of("answers", List.of(q1, q3, answer("q4", "text", "   "))), "/answers/2/text"),
                Arguments.of("NUL in text", Map.of("answers", List.of(q1, q3, answer("q4", "text", "a\u0000b"))), "/answers/2/text"),
                Arguments.of("rating as a string", Map.of("answers", List.of(q1, answer("q3", "rating", "3"))), "/answers/1/rating"),
                Arguments.of("fractional rating", Map.of("answers", List.of(q1, answer("q3", "rating", 3.5))), "/answers/1/rating"),
                Arguments.of("unknown member", Map.of("answers", List.of(q1, q3), "weight", 2), "/weight"),
                Arguments.of("answers not an array", Map.of("answers", "q1=park"), "/answers"),
                Arguments.of("a null answer", Map.of("answers", java.util.Arrays.asList(q1, q3, null)), "/answers/2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBallots")
    void anInvalidBallotIsRefusedWithAPointerAndNothingIsStored(String name, Map<String, Object> ballot, String pointer) {
        UUID poll = createOpen();
        vote(citizen(uniqueSubject("invalid")), poll, ballot).statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("errors.pointer", org.hamcrest.Matchers.hasItem(pointer));
        assertNothingStored(poll);
    }

    @Test
    void aBallotWithoutBodyIs400() {
        UUID poll = createOpen();
        given().auth().oauth2(citizen(uniqueSubject("empty"))).contentType(ContentType.JSON)
                .when().post("/api/v1/polls/" + poll + "/ballots").then().statusCode(400).contentType(PROBLEM);
        assertNothingStored(poll);
    }

    @Test
    void everyFailureOfABallotIsReportedAtOnce() {
        UUID poll = createOpen();
        Map<String, Object> ballot = Map.of("answers", List.of(
                answer("q2", "optionCodes", List.of("light", "zoo")),
                answer("q3", "rating", 9),
                answer("q4", "text", "x".repeat(60))));
        List<String> pointers = vote(citizen(uniqueSubject("many")), poll, ballot).statusCode(400)
                .extract().jsonPath().getList("errors.pointer");
        assertThat(pointers).containsExactlyInAnyOrder("/answers/0/optionCodes/1", "/answers/1/rating", "/answers/2/text", "/answers");
        assertNothingStored(poll);
    }

    @Test
    void ineligibleCitizensAreRefusedAndNothingIsStored() {
        Map<String, Object> restricted = with(definition(), "eligibility", Map.of("districts", List.of("sovetsky", "kirovsky"), "minAge", 18));
        UUID poll = createOpen(restricted);
        String wrongDistrict = citizen(uniqueSubject("c"), "leninsky", "1980-01-01", "otklik-widget");
        String noDistrict = citizen(uniqueSubject("c"), null, "1980-01-01", "otklik-widget");
        String tooYoung = citizen(uniqueSubject("c"), "sovetsky", java.time.LocalDate.now(calendar.zone()).minusYears(18).plusDays(1).toString(), "otklik-mobile");
        String noBirthDate = citizen(uniqueSubject("c"), "sovetsky", null, "otklik-mobile");
        for (String token : List.of(wrongDistrict, noDistrict, tooYoung, noBirthDate)) {
            vote(token, poll, ballot("park", 3)).statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo("https://otklik.org/problems/not-eligible"));
        }
        assertNothingStored(poll);
        String justOldEnough = citizen(uniqueSubject("c"), "kirovsky", java.time.LocalDate.now(calendar.zone()).minusYears(18).toString(), "otklik-mobile");
        vote(justOldEnough, poll, ballot("park", 3)).statusCode(201);
    }

    @Test
    void earlyAndLateVotesAreRefusedAndNothingIsStored() {
        UUID early = createOpen();
        setWindow(pool, early, "1 hour", "2 hours");
        vote(citizen(uniqueSubject("early")), early, ballot("park", 3)).statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://otklik.org/problems/poll-not-open"));
        assertNothingStored(early);

        UUID late = createOpen();
        setWindow(pool, late, "-2 hours", "-1 second");
        vote(citizen(uniqueSubject("late")), late, ballot("park", 3)).statusCode(409)
                .body("type", equalTo("https://otklik.org/problems/poll-not-open"));
        assertNothingStored(late);

        UUID closed = createOpen();
        admin("close", closed).statusCode(200);
        vote(citizen(uniqueSubject("closed")), closed, ballot("park", 3)).statusCode(409);
        assertNothingStored(closed);

        UUID draft = createDraft(definition());
        vote(citizen(uniqueSubject("draft")), draft, ballot("park", 3)).statusCode(404).contentType(PROBLEM);
        assertNothingStored(draft);
        vote(citizen(uniqueSubject("nowhere")), UUID.randomUUID(), ballot("park", 3)).statusCode(404);
    }

    @Test
    void aSecondVoteIsRefusedWhenRevotesAreNotAllowed() {
        UUID poll = createOpen();
        String token = citizen(uniqueSubject("twice"));
        vote(token, poll, ballot("park", 3)).statusCode(201);
        byte[] first = sealedOf(poll);
        vote(token, poll, ballot("bikes", 1)).statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://otklik.org/problems/already-voted"));
        assertThat(sealedOf(poll)).isEqualTo(first);
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(1);
    }

    @Test
    void aRevoteReplacesTheSealedBallotAndOnlyTheLastIsCounted() {
        UUID poll = createOpen(with(definition(), "allowRevote", true));
        String token = citizen(uniqueSubject("revote"));
        String first = vote(token, poll, ballot("park", 3)).statusCode(201).extract().path("receipt");
        vote(citizen(uniqueSubject("other")), poll, ballot("park", 5)).statusCode(201);
        byte[] sealedBefore = sealedOf(poll);
        String second = vote(token, poll, ballot("bikes", 1)).statusCode(201)
                .body("replacedEarlierBallot", equalTo(true)).extract().path("receipt");
        assertThat(count(pool, "poll_participation", poll)).isEqualTo(2);
        assertThat(sealed(pool, poll)).isEqualTo(2);
        assertThat(sealedOf(poll)).isNotEqualTo(sealedBefore);
        // The replaced receipt reads exactly like the one that replaced it, before and after the close.
        String before = checkReceipt(first).statusCode(200).body("status", equalTo("ACCEPTED")).extract().asString();
        checkReceipt(second).statusCode(200).body("status", equalTo("ACCEPTED"));
        assertThat(before.replace(first, second)).isEqualTo(checkReceipt(second).extract().asString());
        given().auth().oauth2(PollFixtures.ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then()
                .statusCode(200).body("consistent", equalTo(true)).body("phase", equalTo("SEALED"))
                .body("sealedBallots", equalTo(2)).body("participations", equalTo(2)).body("ballots", equalTo(0));

        closeAndOpen(opening, poll);
        given().auth().oauth2(PollFixtures.ADMIN).when().get("/api/v1/admin/polls/" + poll + "/results").then().statusCode(200)
                .body("participants", equalTo(2))
                .body("questions[0].options.find { it.code == 'park' }.count", equalTo(1))
                .body("questions[0].options.find { it.code == 'bikes' }.count", equalTo(1))
                .body("questions[2].distribution.find { it.value == 3 }.count", equalTo(0))
                .body("questions[2].distribution.find { it.value == 1 }.count", equalTo(1));
        String counted = checkReceipt(first).statusCode(200).body("status", equalTo("COUNTED")).extract().asString();
        assertThat(counted.replace(first, second)).isEqualTo(checkReceipt(second).statusCode(200).extract().asString());
        assertThat(count(pool, "poll_replaced_receipt", poll)).isZero();
        given().auth().oauth2(PollFixtures.ADMIN).when().get("/api/v1/admin/polls/" + poll + "/consistency").then()
                .statusCode(200).body("consistent", equalTo(true)).body("phase", equalTo("OPENED"))
                .body("ballots", equalTo(2)).body("participations", equalTo(2)).body("tallied", equalTo(2))
                .body("sealedBallots", equalTo(0));
    }

    /** Every sealed ballot of the poll, in claim order, end to end: a replaced ballot changes it whoever's it is. */
    private byte[] sealedOf(UUID poll) {
        Buffer all = Buffer.buffer();
        pool.preparedQuery("select sealed from poll_participation where poll_id = $1 order by participation_key")
                .execute(Tuple.of(poll)).await().indefinitely().forEach(row -> all.appendBuffer(row.getBuffer(0)));
        return all.getBytes();
    }

    @Test
    void beforeTheCloseNothingButClaimsWithSealedBallotsIsStored() {
        UUID poll = createOpen(with(definition(), "allowRevote", true));
        vote(citizen(uniqueSubject("secret")), poll, ballot("park", 3)).statusCode(201);
        assertThat(count(pool, "poll_ballot", poll)).isZero();
        assertThat(count(pool, "poll_tally", poll)).isZero();
        List<String> participationColumns = pool.query("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = 'poll_participation' order by column_name""")
                .execute().await().indefinitely().stream().map(r -> r.getString(0)).toList();
        assertThat(participationColumns).containsExactly("participation_key", "poll_id", "sealed");
        Row claim = pool.preparedQuery("select sealed from poll_participation where poll_id = $1").execute(Tuple.of(poll))
                .await().indefinitely().iterator().next();
        // Padded: as long as any other short ballot, whatever it chose.
        assertThat(claim.getBuffer(0).length()).isEqualTo(12 + BallotSeal.BLOCK + 16);
        Row key = pool.preparedQuery("select wrapped from poll_ballot_key where poll_id = $1").execute(Tuple.of(poll))
                .await().indefinitely().iterator().next();
        assertThat(key.getBuffer(0).length()).isEqualTo(12 + 32 + 16);
    }

    @Test
    void thePollPageTellsACitizenWhetherTheyMayVote() {
        UUID poll = createOpen(with(definition(), "eligibility", Map.of("districts", List.of("leninsky"))));
        String subject = uniqueSubject("page");
        String token = citizen(subject);
        given().auth().oauth2(token).when().get("/api/v1/polls/" + poll).then().statusCode(200)
                .body("voting.canVote", equalTo(true)).body("voting.hasVoted", equalTo(false)).body("voting.reason", nullValue());
        vote(token, poll, ballot("park", 3)).statusCode(201);
        given().auth().oauth2(token).when().get("/api/v1/polls/" + poll).then().statusCode(200)
                .body("voting.canVote", equalTo(false)).body("voting.hasVoted", equalTo(true))
                .body("voting.reason", equalTo("ALREADY_VOTED"));
        given().auth().oauth2(citizen(uniqueSubject("p"), "samarsky", "1990-01-01", "otklik-widget"))
                .when().get("/api/v1/polls/" + poll).then().statusCode(200)
                .body("voting.canVote", equalTo(false)).body("voting.reason", equalTo("NOT_ELIGIBLE"));
        given().when().get("/api/v1/polls/" + poll).then().statusCode(200).body("voting", nullValue());
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/polls/" + poll).then().statusCode(200).body("voting", nullValue());
        given().auth().oauth2("not-a-token").when().get("/api/v1/polls/" + poll).then().statusCode(200).body("voting", nullValue());
        admin("close", poll).statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/polls/" + poll).then().statusCode(200)
                .body("voting.reason", equalTo("NOT_OPEN")).body("voting.hasVoted", equalTo(true));
    }

    @Test
    void aDistrictClaimThatIsNoDistrictCodeIsStoredAsUnknown() {
        UUID poll = createOpen();
        String token = TestTokens.sign(TestTokens.claims(uniqueSubject("odd"), "citizen").claim("azp", "some-other-app")
                .claim("district", "x".repeat(500)));
        vote(token, poll, ballot("park", 3)).statusCode(201);
        closeAndOpen(opening, poll);
        Row row = pool.preparedQuery("select district, channel from poll_ballot where poll_id = $1").execute(Tuple.of(poll))
                .await().indefinitely().iterator().next();
        assertThat(row.getString(0)).isEqualTo("UNKNOWN");
        assertThat(row.getString(1)).isEqualTo("UNKNOWN");
    }
}
