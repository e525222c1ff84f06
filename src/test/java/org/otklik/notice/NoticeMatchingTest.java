package org.otklik.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NoticeMatchingTest {

    private static final String OPERATOR = TestTokens.operator();

    private static Map<String, Object> message(String category, String district) {
        Map<String, Object> body = Feedback.body(category, "Нет горячей воды с утра, когда дадут?");
        if (district != null) {
            body.put("districtCode", district);
        }
        return body;
    }

    private static Map<String, Object> in(String district, Map<String, Object> notice) {
        notice.put("districtCodes", List.of(district));
        return notice;
    }

    private static List<Integer> noticesOnReceipt(Map<String, Object> body) {
        return Feedback.submit(TestTokens.citizen(Feedback.uniqueSubject("notice")), body).statusCode(201)
                .extract().path("notices.id");
    }

    private static List<String> queue(String token, long notice) {
        return given().auth().oauth2(token).when().get("/api/v1/incidents?limit=100&notice=" + notice).then().statusCode(200)
                .extract().path("items.number");
    }

    @Test
    void aSubmissionIsLinkedToRunningNoticesOfItsTopicAndDistrictAndTheReceiptSaysSo() {
        // a district of its own, so that no other test's open messages are linked when these notices go out
        String district = "zheleznodorozhny";
        long hotWater = NoticeFixtures.published(OPERATOR, in(district, NoticeFixtures.hotWater()));
        Map<String, Object> parent = in(district, NoticeFixtures.hotWater());
        parent.put("categoryCode", "housing");
        long housing = NoticeFixtures.published(OPERATOR, parent);
        Map<String, Object> upcoming = in(district, NoticeFixtures.hotWater());
        upcoming.put("startsAt", NoticeFixtures.at(3));
        long later = NoticeFixtures.published(OPERATOR, upcoming);
        long draft = NoticeFixtures.createDraft(OPERATOR, in(district, NoticeFixtures.hotWater()));
        long ended = NoticeFixtures.published(OPERATOR, in(district, NoticeFixtures.hotWater()));
        NoticeFixtures.action(OPERATOR, ended, "end").statusCode(200);

        var receipt = Feedback.submit(TestTokens.citizen(Feedback.uniqueSubject("notice")), message("housing.hot_water", district))
                .statusCode(201).extract();
        List<Integer> linked = receipt.path("notices.id");
        assertThat(linked).contains((int) hotWater, (int) housing).doesNotContain((int) later, (int) draft, (int) ended);
        assertThat(receipt.<String>path("notices.find { it.id == " + hotWater + " }.title.ru")).isEqualTo("Отключение горячей воды");
        assertThat(receipt.<String>path("notices.find { it.id == " + hotWater + " }.endsAt")).isNotNull();
        String number = receipt.path("number");

        // a sibling sub-topic is covered by the parent topic's notice only
        assertThat(noticesOnReceipt(message("housing.heating", district))).contains((int) housing).doesNotContain((int) hotWater);
        // another district, another topic, or no district: not covered
        assertThat(noticesOnReceipt(message("housing.hot_water", "sovetsky"))).doesNotContain((int) hotWater, (int) housing);
        assertThat(noticesOnReceipt(message("roads.potholes", district))).doesNotContain((int) hotWater, (int) housing);
        assertThat(noticesOnReceipt(message("housing.hot_water", null))).doesNotContain((int) hotWater);

        // staff see the link in the queue and in the notice
        assertThat(queue(OPERATOR, hotWater)).containsExactly(number);
        assertThat(queue(TestTokens.executor("dep.roads"), hotWater)).isEmpty();
        NoticeFixtures.get(OPERATOR, hotWater).statusCode(200)
                .body("linked.total", equalTo(1))
                .body("linked.open", equalTo(1))
                .body("linked.latest[0].number", equalTo(number));
        given().auth().oauth2(OPERATOR).when().get("/api/v1/incidents?notice=abc").then().statusCode(400);
    }

    @Test
    void publishingLinksTheOpenMessagesThatCameInSinceTheNoticeStarted() {
        Map<String, Object> coldWater = NoticeFixtures.hotWater();
        coldWater.put("categoryCode", "housing.cold_water");
        coldWater.put("districtCodes", List.of("krasnoglinsky"));
        long id = NoticeFixtures.createDraft(OPERATOR, coldWater);
        var receipt = Feedback.submit(TestTokens.citizen(Feedback.uniqueSubject("notice")),
                message("housing.cold_water", "krasnoglinsky")).statusCode(201).extract();
        assertThat(receipt.<List<Integer>>path("notices.id")).doesNotContain((int) id);
        String other = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("notice")), message("housing.cold_water", "sovetsky"));

        NoticeFixtures.action(OPERATOR, id, "publish").statusCode(200).body("linked.total", equalTo(1));
        assertThat(queue(OPERATOR, id)).containsExactly(receipt.<String>path("number")).doesNotContain(other);
    }

    @Test
    void aPointWithARadiusCoversMessagesLocatedInsideIt() {
        Map<String, Object> works = NoticeFixtures.hotWater();
        works.remove("districtCodes");
        works.put("kind", "ROAD_WORKS");
        works.put("categoryCode", "roads");
        works.put("area", Map.of("lat", 53.2201, "lon", 50.1872, "radiusMeters", 300));
        long id = NoticeFixtures.published(OPERATOR, works);

        Map<String, Object> near = Feedback.body("roads.potholes", "Яма у раскопа");
        near.put("location", Map.of("lat", 53.2215, "lon", 50.1880));
        Map<String, Object> far = Feedback.body("roads.potholes", "Яма в другом конце города");
        far.put("location", Map.of("lat", 53.2401, "lon", 50.2172));
        assertThat(noticesOnReceipt(near)).contains((int) id);
        assertThat(noticesOnReceipt(far)).doesNotContain((int) id);
    }

    @Test
    void addressesCoverMessagesAtThem() {
        Map<String, Object> outage = NoticeFixtures.hotWater();
        outage.put("addresses", List.of("ул. Садовая, 150"));
        long id = NoticeFixtures.published(OPERATOR, outage);
        Map<String, Object> there = message("housing.hot_water", "leninsky");
        there.put("address", "Самара, УЛ. САДОВАЯ, 150, кв. 12");
        Map<String, Object> elsewhere = message("housing.hot_water", "leninsky");
        elsewhere.put("address", "ул. Молодогвардейская, 33");
        assertThat(noticesOnReceipt(there)).contains((int) id);
        assertThat(noticesOnReceipt(elsewhere)).doesNotContain((int) id);
    }

    @Test
    void commentsFromSocialIngestAreLinkedToo() {
        Map<String, Object> heating = NoticeFixtures.hotWater();
        heating.put("categoryCode", "housing");
        long id = NoticeFixtures.published(OPERATOR, heating);
        Map<String, Object> item = new HashMap<>();
        String externalId = "wall-" + UUID.randomUUID();
        item.put("platform", "VK");
        item.put("externalId", externalId);
        item.put("url", "https://vk.com/" + externalId);
        item.put("text", "Ленинский район, ул. Садовая 150: в подъезде батареи холодные, управляющая компания не отвечает.");
        item.put("postedAt", NoticeFixtures.at(-1));
        String number = given().auth().oauth2(TestTokens.integration("social-monitoring")).contentType("application/json")
                .body(Map.of("items", List.of(item))).when().post("/api/v1/ingest/social").then().statusCode(200)
                .body("items[0].outcome", equalTo("CREATED"))
                .extract().path("items[0].number");
        // (publishing also linked open messages already in: the queue holds at least this comment)
        assertThat(queue(OPERATOR, id)).contains(number);
        NoticeFixtures.get(OPERATOR, id).body("linked.latest.number", org.hamcrest.Matchers.hasItem(number));
    }

    @Test
    void theMonthlyReportCountsMessagesLinkedToNotices() {
        YearMonth month = YearMonth.now(ZoneId.of("Europe/Samara"));
        int index = month.getMonthValue() - 1;
        String path = "/api/v1/stats/monthly?year=" + month.getYear();
        int before = given().auth().oauth2(TestTokens.analyst()).when().get(path).then().statusCode(200)
                .extract().path("months[" + index + "].linkedToNotices");
        long id = NoticeFixtures.published(OPERATOR, in("kuibyshevsky", NoticeFixtures.hotWater()));
        for (int i = 0; i < 3; i++) {
            assertThat(noticesOnReceipt(message("housing.hot_water", "kuibyshevsky"))).contains((int) id);
        }
        assertThat(noticesOnReceipt(message("transport.stops", "sovetsky"))).isEmpty();
        int after = given().auth().oauth2(TestTokens.analyst()).when().get(path).then().statusCode(200)
                .extract().path("months[" + index + "].linkedToNotices");
        assertThat(after - before).isEqualTo(3);

        String csv = given().auth().oauth2(TestTokens.analyst()).accept("text/csv").when().get(path).then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).endsWith(";связано_с_объявлениями");
        assertThat(lines[1 + index]).startsWith(month.toString()).endsWith(";" + after);
    }
}
