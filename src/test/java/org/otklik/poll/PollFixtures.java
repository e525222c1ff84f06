package org.otklik.poll;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.otklik.poll.tally.PollOpening;
import org.otklik.testsupport.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Builds polls through the admin API and citizens' tokens for the poll tests. */
public final class PollFixtures {

    public static final String ADMIN = TestTokens.admin();

    private PollFixtures() {
    }

    public static Map<String, Object> text(String ru) {
        return Map.of("ru", ru);
    }

    public static Map<String, Object> option(String code, String ru) {
        return Map.of("code", code, "title", text(ru));
    }

    /** q1 SINGLE (park, bikes, trees), q2 MULTIPLE 1..2 of (light, benches, wc) optional, q3 RATING 1..5, q4 TEXT 50 optional. */
    public static Map<String, Object> definition() {
        Map<String, Object> poll = new HashMap<>();
        poll.put("title", Map.of("ru", "Благоустройство набережной", "en", "Embankment improvement"));
        poll.put("description", text("Выберите, что сделать на набережной"));
        poll.put("opensAt", OffsetDateTime.now(ZoneOffset.ofHours(4)).minusHours(1).toString());
        poll.put("closesAt", OffsetDateTime.now(ZoneOffset.ofHours(4)).plusDays(7).toString());
        poll.put("resultsPolicy", "LIVE");
        List<Map<String, Object>> questions = new ArrayList<>();
        questions.add(Map.of("type", "SINGLE", "title", text("Что важнее всего?"),
                "options", List.of(option("park", "Парк"), option("bikes", "Велодорожки"), option("trees", "Деревья"))));
        questions.add(Map.of("type", "MULTIPLE", "title", text("Что ещё нужно?"), "required", false, "min", 1, "max", 2,
                "options", List.of(option("light", "Освещение"), option("benches", "Скамейки"), option("wc", "Туалеты"))));
        questions.add(Map.of("type", "RATING", "title", text("Оцените набережную"), "scale", 5));
        questions.add(Map.of("type", "TEXT", "title", text("Ваши предложения"), "required", false, "maxLength", 50));
        poll.put("questions", questions);
        return poll;
    }

    public static Map<String, Object> with(Map<String, Object> definition, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(definition);
        copy.put(key, value);
        return copy;
    }

    public static ValidatableResponse create(Map<String, Object> definition) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition)
                .when().post("/api/v1/admin/polls").then();
    }

    public static UUID createDraft(Map<String, Object> definition) {
        return UUID.fromString(create(definition).statusCode(201).extract().path("id"));
    }

    public static UUID createOpen(Map<String, Object> definition) {
        UUID id = createDraft(definition);
        admin("publish", id).statusCode(200);
        return id;
    }

    public static UUID createOpen() {
        return createOpen(definition());
    }

    public static ValidatableResponse admin(String action, UUID id) {
        return given().auth().oauth2(ADMIN).when().post("/api/v1/admin/polls/" + id + "/" + action).then();
    }

    public static String citizen(String subject, String district, String birthdate, String client) {
        var claims = TestTokens.claims(subject, "citizen").claim("azp", client);
        if (district != null) {
            claims.claim("district", district);
        }
        if (birthdate != null) {
            claims.claim("birthdate", birthdate);
        }
        return TestTokens.sign(claims);
    }

    public static String citizen(String subject) {
        return citizen(subject, "leninsky", "1990-05-17", "otklik-widget");
    }

    public static String uniqueSubject(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static Map<String, Object> answer(String questionId, Object... pairs) {
        Map<String, Object> answer = new HashMap<>();
        answer.put("questionId", questionId);
        for (int i = 0; i < pairs.length; i += 2) {
            answer.put((String) pairs[i], pairs[i + 1]);
        }
        return answer;
    }

    /** A complete valid ballot for {@link #definition()}. */
    public static Map<String, Object> ballot(String choice, int rating) {
        return Map.of("answers", List.of(answer("q1", "optionCodes", List.of(choice)), answer("q3", "rating", rating)));
    }

    public static ValidatableResponse vote(String token, UUID pollId, Object ballot) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(ballot)
                .when().post("/api/v1/polls/" + pollId + "/ballots").then();
    }

    /** Moves a poll's voting window, as time passing would. */
    public static void setWindow(Pool pool, UUID pollId, String opensAt, String closesAt) {
        pool.preparedQuery("update poll set opens_at = now() + $2::text::interval, closes_at = now() + $3::text::interval where id = $1")
                .execute(Tuple.of(pollId, opensAt, closesAt)).await().indefinitely();
    }

    /** POST /api/v1/polls/receipt-checks with the code in the body. */
    public static ValidatableResponse checkReceipt(Object code) {
        return given().contentType(ContentType.JSON).body(java.util.Collections.singletonMap("receipt", code))
                .when().post("/api/v1/polls/receipt-checks").then();
    }

    /** Closes the poll as its organiser, then opens its ballots (as the closing job would within seconds). */
    public static void closeAndOpen(PollOpening opening, UUID pollId) {
        admin("close", pollId).statusCode(200);
        org.assertj.core.api.Assertions.assertThat(opening.open(pollId).await().indefinitely()).isTrue();
    }

    public static long sealed(Pool pool, UUID pollId) {
        return pool.preparedQuery("select count(*) from poll_participation where poll_id = $1 and sealed is not null")
                .execute(Tuple.of(pollId)).await().indefinitely().iterator().next().getLong(0);
    }

    public static long count(Pool pool, String table, UUID pollId) {
        return pool.preparedQuery("select count(*) from " + table + " where poll_id = $1").execute(Tuple.of(pollId))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
