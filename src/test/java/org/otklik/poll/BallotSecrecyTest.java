package org.otklik.poll;

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
import org.otklik.testsupport.Parallel;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** What an insider with a copy of the database (or the log) finds of voters: nothing. */
@QuarkusTest
class BallotSecrecyTest {

    @Inject
    Pool pool;

    @Inject
    TallyJobs tallies;

    private static Response vote(String token, UUID poll, String key, Object ballot) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(ballot);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/polls/" + poll + "/ballots");
    }

    @Test
    void noTableAndNoLogLineHoldsAVotersSubjectOrReceipt() throws Exception {
        UUID secret = createOpen();
        UUID revotable = createOpen(with(definition(), "allowRevote", true));
        UUID open = createOpen(with(definition(), "secret", false));
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
                Response first = vote(token, secret, key, ballot("park", n % 5 + 1));
                assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
                Response replay = vote(token, secret, key, ballot("park", n % 5 + 1));
                assertThat(replay.statusCode()).isEqualTo(201);
                assertThat(replay.jsonPath().getString("receipt")).isEqualTo(first.jsonPath().getString("receipt"));
                assertThat(vote(token, secret, UUID.randomUUID().toString(), ballot("bikes", 1)).statusCode()).isEqualTo(409);
                receipts.add(first.jsonPath().getString("receipt"));
                for (String choice : List.of("trees", "bikes")) {
                    Response revote = vote(token, revotable, UUID.randomUUID().toString(), ballot(choice, 2));
                    assertThat(revote.statusCode()).as(revote.asString()).isEqualTo(201);
                    receipts.add(revote.jsonPath().getString("receipt"));
                }
                Response plain = vote(token, open, null, ballot("trees", 3));
                assertThat(plain.statusCode()).isEqualTo(201);
                receipts.add(plain.jsonPath().getString("receipt"));
                return null;
            });
            tallies.refresh().await().indefinitely();
            given().when().get("/api/v1/polls/" + secret + "/results").then().statusCode(200);
            for (String receipt : receipts.subList(0, 3)) {
                given().when().get("/api/v1/polls/receipts/" + receipt).then().statusCode(200);
            }
            List<String> secrets = new ArrayList<>(subjects);
            secrets.addAll(receipts);
            assertThat(receipts).hasSize(voters * 4);
            for (String line : log.lines()) {
                for (String s : secrets) {
                    assertThat(line).doesNotContain(s);
                }
            }
        }

        List<String> patterns = new ArrayList<>();
        for (String s : subjects) {
            patterns.add("%" + s + "%");
            patterns.add("%" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)) + "%");
        }
        for (String r : receipts) {
            patterns.add("%" + r + "%");
            patterns.add("%" + HexFormat.of().formatHex(r.getBytes(StandardCharsets.US_ASCII)) + "%");
        }
        List<Row> columns = new ArrayList<>();
        pool.query("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema()
                  and data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY')""")
                .execute().await().indefinitely().forEach(columns::add);
        assertThat(columns.stream().map(c -> c.getString(0))).contains("poll_ballot", "poll_ballot_idempotency",
                "idempotency_record", "poll_public_tally", "poll_tally_delta");
        for (Row column : columns) {
            String sql = "select count(*) from \"%s\" where \"%s\"::text like any($1)".formatted(column.getString(0),
                    column.getString(1));
            long found = pool.preparedQuery(sql).execute(Tuple.of(patterns.toArray(String[]::new)))
                    .await().indefinitely().iterator().next().getLong(0);
            assertThat(found).as("rows of %s.%s holding a subject or a receipt", column.getString(0), column.getString(1))
                    .isZero();
        }
        long sealed = pool.query("select count(*) from poll_ballot_idempotency where sealed is not null").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(sealed).isGreaterThanOrEqualTo(voters * 3);
    }
}
