package org.otklik.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.delivery.DeliveryRelay;
import org.otklik.testsupport.DeliveryRounds;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Photos;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.otklik.testsupport.WebhookReceiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Photos attached to messages and answers: ownership, who sees them, publication, delivery, cleanup and retention. */
@QuarkusTest
class MediaAttachTest {

    private static final String OPERATOR = TestTokens.operator();
    private static final String ROADS = TestTokens.executor("dep.roads");

    @Inject
    MediaJobs jobs;

    @Inject
    MediaService media;

    @Inject
    DeliveryRelay relay;

    @Inject
    Pool pool;

    private static Map<String, Object> potholeWith(List<String> mediaIds) {
        Map<String, Object> body = Feedback.pothole();
        body.put("mediaIds", mediaIds);
        return body;
    }

    @Test
    void aMessagesPhotosAreSeenByItsAuthorAndStaffWhoSeeTheIncidentOnly() {
        String author = TestTokens.citizen(Feedback.uniqueSubject("author"));
        String first = Photos.uploadPhone(author);
        String second = Photos.uploadPhone(author);
        String number = Feedback.submitAs(author, potholeWith(List.of(first, second)));

        given().auth().oauth2(author).when().get("/api/v1/me/incidents/" + number).then().statusCode(200)
                .body("photos.id", equalTo(List.of(first, second)))
                .body("photos[0].thumbnailUrl", equalTo("/api/v1/media/" + first + "/thumbnail"))
                .body("photos[0].publishable", equalTo(false));
        Staff.detail(OPERATOR, number).statusCode(200).body("photos.id", equalTo(List.of(first, second)));
        Photos.read(author, "/api/v1/media/" + first);
        Photos.read(OPERATOR, "/api/v1/media/" + first + "/thumbnail");
        Photos.read(ROADS, "/api/v1/media/" + second);
        for (String stranger : List.of(TestTokens.citizen(Feedback.uniqueSubject("neighbour")),
                TestTokens.executor("adm.leninsky"), TestTokens.integration("gosuslugi-pos"))) {
            given().auth().oauth2(stranger).when().get("/api/v1/media/" + first).then().statusCode(404);
        }
        given().when().get("/api/v1/media/" + first).then().statusCode(404);
        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200).body("photos", empty());
    }

    @Test
    void anotherCitizensPhotoOrAUsedOneIsRefusedAndNothingIsStored() {
        String owner = TestTokens.citizen(Feedback.uniqueSubject("owner"));
        String thief = TestTokens.citizen(Feedback.uniqueSubject("thief"));
        String photo = Photos.uploadPhone(owner);
        Feedback.submit(thief, potholeWith(List.of(photo))).statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/mediaIds/0"));
        given().auth().oauth2(thief).when().get("/api/v1/me/incidents").then().body("items", empty());
        Feedback.submitAs(owner, potholeWith(List.of(photo)));
        Feedback.submit(owner, potholeWith(List.of(photo))).statusCode(400).body("errors.pointer", hasItem("/mediaIds/0"));
        Feedback.submit(owner, potholeWith(List.of(UUID.randomUUID().toString()))).statusCode(400);
        Feedback.submit(owner, potholeWith(List.of("not-a-uuid"))).statusCode(400);
        String again = Photos.uploadPhone(owner);
        Feedback.submit(owner, potholeWith(List.of(again, again))).statusCode(400).body("errors.pointer", hasItem("/mediaIds/1"));
        given().auth().oauth2(owner).when().get("/api/v1/me/incidents").then().body("items", hasSize(1));
    }

    @Test
    void aPhotoGoesWithOneMessageEvenWhenTwoAreSentAtOnce() throws Exception {
        String author = TestTokens.citizen(Feedback.uniqueSubject("twice"));
        String photo = Photos.uploadPhone(author);
        List<Integer> statuses = Parallel.run(4, () -> Feedback.submit(author, potholeWith(List.of(photo))).extract().statusCode());
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 201).allMatch(status -> status == 400 || status == 409);
        given().auth().oauth2(author).when().get("/api/v1/me/incidents").then().body("items", hasSize(1));
    }

    @Test
    void aSocialCommentCarriesThePhotosItsClientUploaded() {
        String client = TestTokens.integration("social-monitoring");
        String photo = Photos.uploadPhone(client);
        String foreign = Photos.uploadPhone(TestTokens.citizen(Feedback.uniqueSubject("resident")));
        Map<String, Object> item = Map.of("platform", "VK", "externalId", "wall-7_" + UUID.randomUUID(),
                "url", "https://vk.com/wall-7_1", "text", "Во дворе дома 5 третий день не вывозят мусор",
                "postedAt", "2026-11-27T19:42:00+04:00", "mediaIds", List.of(photo));
        Map<String, Object> stolen = new java.util.HashMap<>(item);
        stolen.put("externalId", "wall-7_" + UUID.randomUUID());
        stolen.put("mediaIds", List.of(foreign));
        var result = given().auth().oauth2(client).contentType("application/json").body(Map.of("items", List.of(item, stolen)))
                .when().post("/api/v1/ingest/social").then().statusCode(200)
                .body("items[0].outcome", equalTo("CREATED")).body("items[1].outcome", equalTo("REJECTED"))
                .body("items[1].reason", containsString("mediaIds/0")).extract();
        String number = result.path("items[0].number");
        Staff.detail(OPERATOR, number).body("photos.id", equalTo(List.of(photo)));
        // the same batch again: the comment is a duplicate, not a refusal of its (used) photo
        given().auth().oauth2(client).contentType("application/json").body(Map.of("items", List.of(item)))
                .when().post("/api/v1/ingest/social").then().statusCode(200).body("items[0].outcome", equalTo("DUPLICATE"));
    }

    @Test
    void afterPhotosReachTheCitizenAndTheSourceChannelAsSignedLinks() throws Throwable {
        String gateway = TestTokens.integration("gosuslugi-pos");
        Map<String, Object> body = Feedback.body("roads.potholes", "Яма у остановки");
        body.put("externalId", "POS-" + UUID.randomUUID());
        body.put("citizenId", "1000" + System.nanoTime());
        String number = Feedback.submit(gateway, body).statusCode(201).extract().path("number");
        String after = Photos.uploadPhone(ROADS);
        String foreign = Photos.uploadPhone(OPERATOR);
        Staff.act(ROADS, number, "answer", Map.of("text", "Яма заделана", "resolution", "FIXED", "mediaIds", List.of(foreign)))
                .statusCode(400).body("errors.pointer", hasItem("/mediaIds"));
        Staff.act(ROADS, number, "answer", Map.of("text", "Яма заделана", "resolution", "FIXED", "mediaIds", List.of(after)))
                .statusCode(200).body("answer.photos.id", equalTo(List.of(after)));

        relayUntil(() -> WebhookReceiver.received("/gosuslugi/callback").stream()
                .anyMatch(r -> r.body().contains(number) && r.body().contains("incident.answered")));
        JsonNode callback = new ObjectMapper().readTree(WebhookReceiver.received("/gosuslugi/callback").stream()
                .filter(r -> r.body().contains(number) && r.body().contains("incident.answered")).findFirst().orElseThrow().body());
        String link = callback.path("photos").path(0).asText();
        assertThat(link).contains("/api/v1/media/" + after + "?expires=").contains("&signature=");
        URI signed = URI.create(link);
        String path = signed.getRawPath() + "?" + signed.getRawQuery();
        Photos.read(null, path);
        given().when().get(path.replace("signature=", "signature=x")).then().statusCode(404);
        Photos.read(gateway, "/api/v1/media/" + after);
    }

    @Test
    void onlyPublishablePhotosArePublicAndPublishingIsRecorded() {
        String author = TestTokens.citizen(Feedback.uniqueSubject("public"));
        String photo = Photos.uploadPhone(author);
        String number = Feedback.submitAs(author, potholeWith(List.of(photo)));
        String path = "/api/v1/incidents/" + number + "/photos/" + photo + "/publication";

        given().auth().oauth2(ROADS).header("If-Match", Staff.currentTag(number)).contentType("application/json")
                .body(Map.of("publishable", true)).when().post(path).then().statusCode(403);
        given().auth().oauth2(OPERATOR).contentType("application/json").body(Map.of("publishable", true))
                .when().post(path).then().statusCode(428);
        given().auth().oauth2(OPERATOR).header("If-Match", Staff.currentTag(number)).contentType("application/json")
                .body(Map.of("publishable", true)).when().post("/api/v1/incidents/" + number + "/photos/" + UUID.randomUUID()
                        + "/publication").then().statusCode(404);
        given().auth().oauth2(OPERATOR).header("If-Match", Staff.currentTag(number)).contentType("application/json")
                .body(Map.of("publishable", true)).when().post(path).then().statusCode(200)
                .body("photos[0].publishable", equalTo(true))
                .body("timeline.type", hasItem("PHOTO_PUBLISHED"));

        given().when().get("/api/v1/incidents/" + number + "/status").then().statusCode(200)
                .body("photos.id", equalTo(List.of(photo)));
        given().when().get("/api/v1/media/" + photo).then().statusCode(200).header("Cache-Control", containsString("public"));
        given().when().get("/open311/v2/requests/" + number + ".json").then().statusCode(200)
                .body("[0].media_url", endsWith("/api/v1/media/" + photo));

        given().auth().oauth2(OPERATOR).header("If-Match", Staff.currentTag(number)).contentType("application/json")
                .body(Map.of("publishable", false)).when().post(path).then().statusCode(200)
                .body("timeline.type", hasItem("PHOTO_WITHDRAWN"));
        given().when().get("/api/v1/incidents/" + number + "/status").then().body("photos", empty());
        given().when().get("/api/v1/media/" + photo).then().statusCode(404);
    }

    @Test
    void uploadsNobodyAttachedAreDeletedAfterADay() throws Throwable {
        String owner = TestTokens.citizen(Feedback.uniqueSubject("forgetful"));
        String stale = Photos.uploadPhone(owner);
        String fresh = Photos.uploadPhone(owner);
        await(pool.preparedQuery("update media set created_at = created_at - interval '25 hours' where id = $1")
                .execute(Tuple.of(UUID.fromString(stale))));
        int deleted = await(jobs.deleteUnattached());
        assertThat(deleted).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(owner).when().get("/api/v1/media/" + stale).then().statusCode(404);
        assertThat(blobs(stale)).isZero();
        Photos.read(owner, "/api/v1/media/" + fresh);
        assertThat(blobs(fresh)).isEqualTo(2);
    }

    @Test
    void photosOfIncidentsClosedLongerThanTheRetentionTermAreDeleted() throws Throwable {
        String author = TestTokens.citizen(Feedback.uniqueSubject("retained"));
        String photo = Photos.uploadPhone(author);
        String number = Feedback.submitAs(author, potholeWith(List.of(photo)));
        Staff.accept(number);
        Staff.answer(ROADS, number, "Сделано");
        await(jobs.deleteExpired());
        Photos.read(author, "/api/v1/media/" + photo);
        Staff.act(OPERATOR, number, "close").statusCode(200);
        await(pool.preparedQuery("update media set finished_at = finished_at - interval '3 years 1 day' where id = $1")
                .execute(Tuple.of(UUID.fromString(photo))));
        assertThat(await(jobs.deleteExpired())).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(author).when().get("/api/v1/me/incidents/" + number).then().statusCode(200).body("photos", empty());
        given().auth().oauth2(author).when().get("/api/v1/media/" + photo).then().statusCode(404);
        assertThat(blobs(photo)).isZero();
    }

    private long blobs(String id) throws Throwable {
        return await(pool.preparedQuery("select count(*) as n from media_blob where key like $1").execute(Tuple.of(id + "%"))
                .map(rows -> rows.iterator().next().getLong("n")));
    }

    private void relayUntil(BooleanSupplier done) {
        DeliveryRounds.until(relay, "the expected deliveries", done);
    }

    private static <T> T await(Uni<T> work) throws Throwable {
        return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> work);
    }
}
