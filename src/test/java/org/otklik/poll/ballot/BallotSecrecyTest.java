package org.otklik.poll.ballot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.poll.PollFixtures.ballot;
import static org.otklik.poll.PollFixtures.citizen;
import static org.otklik.poll.PollFixtures.createOpen;
import static org.otklik.poll.PollFixtures.definition;
import static org.otklik.poll.PollFixtures.uniqueSubject;
import static org.otklik.poll.PollFixtures.with;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import org.otklik.poll.PollFixtures;
import org.otklik.poll.tally.LiveRounds;
import org.otklik.poll.tally.PollOpening;
import org.otklik.testsupport.LogCapture;
import org.otklik.testsupport.Parallel;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What an insider with a copy of the database (or the log) finds of voters before the close: no subject,
 * no receipt, no readable answer, at any traffic; and after the close nothing that links a claim to a
 * ballot.
 */
@QuarkusTest
class BallotSecrecyTest {

    @Inject
    Pool pool;

    @Inject
    LiveRounds liveRounds;

    @Inject
    PollOpening opening;

    private static Response vote(String token, UUID poll, String key, Object ballot) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(ballot);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/polls/" + poll + "/ballots");
    }

    /** A TEXT answer only these ballots carry: found anywhere before the close, it would be a readable answer. */
    private static final String MARKER = "Tajnoe-predlozhenie-" + UUID.randomUUID();

    private static Object markedBallot(String choice, int rating) {
        return java.util.Map.of("answers", List.of(PollFixtures.answer("q1", "optionCodes", List.of(choice)),
                PollFixtures.answer("q3", "rating", rating), PollFixtures.answer("q4", "text", MARKER.substring(0, 45))));
    }

    @Test
    void beforeTheCloseNoTableAndNoLogLineHoldsASubjectAReceiptOrAnAnswer() throws Exception {
        UUID secret = createOpen();
        UUID revotable = createOpen(with(definition(), "allowRevote", true));
        UUID open = createOpen(with(definition(), "resultsPolicy", "AFTER_CLOSE"));
        int voters = 30;
        List<String> subjects = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            subjects.add(uniqueSubject("leak-scan"));
            tokens.add(citizen(subjects.get(i)));
        }
        List<String> receipts = new CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.install()) {
            AtomicInteger next = new AtomicInteger();
            Parallel.run(voters, () -> {
                int n = next.getAndIncrement();
                String token = tokens.get(n);
                String key = UUID.randomUUID().toString();
                Response first = vote(token, secret, key, markedBallot("park", n % 5 + 1));
                assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
                Response replay = vote(token, secret, key, markedBallot("park", n % 5 + 1));
                assertThat(replay.statusCode()).isEqualTo(201);
                assertThat(replay.jsonPath().getString("receipt")).isEqualTo(first.jsonPath().getString("receipt"));
                assertThat(vote(token, secret, UUID.randomUUID().toString(), ballot("bikes", 1)).statusCode()).isEqualTo(409);
                receipts.add(first.jsonPath().getString("receipt"));
                for (String choice : List.of("trees", "bikes")) {
                    Response revote = vote(token, revotable, UUID.randomUUID().toString(), markedBallot(choice, 2));
                    assertThat(revote.statusCode()).as(revote.asString()).isEqualTo(201);
                    receipts.add(revote.jsonPath().getString("receipt"));
                }
                Response plain = vote(token, open, null, markedBallot("trees", 3));
                assertThat(plain.statusCode()).isEqualTo(201);
                receipts.add(plain.jsonPath().getString("receipt"));
                return null;
            });
            // A lone vote at night: a batch of one.
            String lonely = uniqueSubject("lonely");
            subjects.add(lonely);
            Response alone = vote(citizen(lonely), secret, null, markedBallot("bikes", 5));
            assertThat(alone.statusCode()).isEqualTo(201);
            receipts.add(alone.jsonPath().getString("receipt"));
            liveRounds.refresh();
            liveRounds.checkConsistency();
            given().when().get("/api/v1/polls/" + secret + "/results").then().statusCode(200);
            for (String receipt : receipts.subList(0, 3)) {
                PollFixtures.checkReceipt(receipt).statusCode(200);
            }
            List<String> secrets = new ArrayList<>(subjects);
            secrets.addAll(receipts);
            secrets.add(MARKER.substring(0, 45));
            assertThat(receipts).hasSize(voters * 4 + 1);
            for (String line : log.lines()) {
                for (String s : secrets) {
                    assertThat(line).doesNotContain(s);
                }
            }
        }

        List<String> patterns = patterns(subjects, receipts);
        patterns.add("%" + MARKER.substring(0, 45) + "%");
        patterns.add("%" + HexFormat.of().formatHex(MARKER.substring(0, 45).getBytes(StandardCharsets.UTF_8)) + "%");
        List<Row> columns = scanColumns(patterns);
        assertThat(columns.stream().map(c -> c.getString(0))).contains("poll_ballot", "poll_ballot_idempotency",
                "idempotency_record", "poll_public_tally", "poll_participation", "poll_ballot_key");
        // No readable ballot of these polls at all: no ballot row, no tally, only totals in the LIVE snapshot.
        for (UUID poll : List.of(secret, revotable, open)) {
            assertThat(PollFixtures.count(pool, "poll_ballot", poll)).isZero();
            assertThat(PollFixtures.count(pool, "poll_tally", poll)).isZero();
            assertThat(pool.preparedQuery("""
                            select count(*) from poll_public_tally t, jsonb_array_elements(t.tallies) e
                            where t.poll_id = $1 and e ->> 'd' <> 'ALL'""").execute(Tuple.of(poll)).await().indefinitely()
                    .iterator().next().getLong(0)).isZero();
        }
        long sealed = pool.query("select count(*) from poll_ballot_idempotency where sealed is not null").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(sealed).isGreaterThanOrEqualTo(voters * 3);

        // After the close: the ballots are readable, and nothing ties them to a claim or a subject.
        for (UUID poll : List.of(secret, revotable, open)) {
            PollFixtures.closeAndOpen(opening, poll);
            List<Long> perTransaction = pool.preparedQuery("select count(*) from poll_ballot where poll_id = $1 group by xmin")
                    .execute(Tuple.of(poll)).await().indefinitely().stream().map(r -> r.getLong(0)).toList();
            assertThat(perTransaction).hasSize(1).allMatch(n -> n >= 10);
            assertThat(pool.preparedQuery("""
                            select count(*) from poll_ballot
                            where poll_id = $1 and (participation_key is not null or revote_key is not null or cast_hour is not null)""")
                    .execute(Tuple.of(poll)).await().indefinitely().iterator().next().getLong(0)).isZero();
        }
        scanColumns(patterns(subjects, List.of()));
    }

    private static List<String> patterns(List<String> subjects, List<String> receipts) {
        List<String> patterns = new ArrayList<>();
        for (String s : subjects) {
            patterns.add("%" + s + "%");
            patterns.add("%" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)) + "%");
        }
        for (String r : receipts) {
            patterns.add("%" + r + "%");
            patterns.add("%" + HexFormat.of().formatHex(r.getBytes(StandardCharsets.US_ASCII)) + "%");
            patterns.add("%" + HexFormat.of().formatHex(Receipts.hash(r)) + "%");
        }
        return patterns;
    }

    /** Searches every text, bytea, json and array column of every table: none may match. */
    private List<Row> scanColumns(List<String> patterns) {
        List<Row> columns = new ArrayList<>();
        pool.query("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema()
                  and data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY')""")
                .execute().await().indefinitely().forEach(columns::add);
        for (Row column : columns) {
            String sql = "select count(*) from \"%s\" where \"%s\"::text like any($1)".formatted(column.getString(0),
                    column.getString(1));
            long found = pool.preparedQuery(sql).execute(Tuple.of(patterns.toArray(String[]::new)))
                    .await().indefinitely().iterator().next().getLong(0);
            assertThat(found).as("rows of %s.%s holding a subject, a receipt or an answer", column.getString(0),
                    column.getString(1)).isZero();
        }
        return columns;
    }
}
