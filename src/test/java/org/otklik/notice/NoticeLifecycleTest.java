package org.otklik.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.otklik.notice.NoticeFixtures.ADMIN_PATH;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.TestTokens;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NoticeLifecycleTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String OPERATOR = TestTokens.operator();
    private static final String ADMIN = TestTokens.admin();

    @Test
    void draftPublishEditEndKeepsVersionsAndNeverShowsDrafts() {
        long id = NoticeFixtures.createDraft(ADMIN, NoticeFixtures.hotWater());
        NoticeFixtures.get(ADMIN, id).statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("DRAFT"))
                .body("state", equalTo("DRAFT"))
                .body("version", equalTo(1))
                .body("content.categoryCode", equalTo("housing.hot_water"))
                .body("content.title.ru", equalTo("Отключение горячей воды"))
                .body("versions.size()", equalTo(0));
        given().when().get("/api/v1/notices/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/notices?limit=100").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));

        // a draft edit replaces the content without keeping a version
        Map<String, Object> edited = NoticeFixtures.hotWater();
        edited.put("title", Map.of("ru", "Отключение горячей воды (черновик 2)"));
        given().auth().oauth2(OPERATOR).contentType("application/json").header("If-Match", "\"0\"").body(edited)
                .when().put(ADMIN_PATH + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1)).body("versions.size()", equalTo(0));

        NoticeFixtures.action(ADMIN, id, "publish").statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("state", equalTo("ACTIVE"))
                .body("publishedAt", notNullValue());
        NoticeFixtures.action(ADMIN, id, "publish").statusCode(409);
        given().when().get("/api/v1/notices/" + id).then().statusCode(200)
                .header("ETag", notNullValue())
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=60"))
                .body("state", equalTo("ACTIVE"))
                .body("version", equalTo(1))
                .body("updatedAt", nullValue())
                .body("title.ru", equalTo("Отключение горячей воды (черновик 2)"))
                .body("districts[0].nameRu", equalTo("Ленинский"))
                .body("organization.code", equalTo("rso.water"));

        // an edit after publication keeps the earlier content and shows as updated
        String etag = NoticeFixtures.get(OPERATOR, id).extract().header("ETag");
        Map<String, Object> later = NoticeFixtures.hotWater();
        later.put("endsAt", NoticeFixtures.at(48));
        later.put("title", Map.of("ru", "Отключение горячей воды продлено"));
        given().auth().oauth2(OPERATOR).contentType("application/json").header("If-Match", etag).body(later)
                .when().put(ADMIN_PATH + "/" + id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("contentUpdatedAt", notNullValue())
                .body("versions.size()", equalTo(1))
                .body("versions[0].version", equalTo(1))
                .body("versions[0].content.title.ru", equalTo("Отключение горячей воды (черновик 2)"))
                .body("versions[0].replacedBy", equalTo("operator-1"));
        // the same stale tag again: refused, nothing changed
        given().auth().oauth2(OPERATOR).contentType("application/json").header("If-Match", etag).body(NoticeFixtures.hotWater())
                .when().put(ADMIN_PATH + "/" + id).then().statusCode(412)
                .contentType("application/problem+json");
        var publicView = given().when().get("/api/v1/notices/" + id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("updatedAt", notNullValue())
                .body("title.ru", equalTo("Отключение горячей воды продлено"))
                .extract();
        String publicTag = publicView.header("ETag");
        given().header("If-None-Match", publicTag).when().get("/api/v1/notices/" + id).then().statusCode(304);

        NoticeFixtures.action(OPERATOR, id, "end").statusCode(200)
                .body("status", equalTo("ENDED")).body("state", equalTo("ENDED")).body("endedAt", notNullValue());
        given().when().get("/api/v1/notices/" + id).then().statusCode(200).body("state", equalTo("ENDED"));
        given().auth().oauth2(OPERATOR).contentType("application/json").body(NoticeFixtures.hotWater())
                .when().put(ADMIN_PATH + "/" + id).then().statusCode(409);
        NoticeFixtures.action(OPERATOR, id, "end").statusCode(409);
        NoticeFixtures.action(OPERATOR, id, "cancel").statusCode(409);
        NoticeFixtures.action(OPERATOR, id, "publish").statusCode(409);
    }

    @Test
    void cancelledDraftNeverBecomesPublicAndUpcomingIsCancelledNotEnded() {
        long draft = NoticeFixtures.createDraft(ADMIN, NoticeFixtures.hotWater());
        NoticeFixtures.action(ADMIN, draft, "cancel").statusCode(200).body("status", equalTo("CANCELLED"));
        given().when().get("/api/v1/notices/" + draft).then().statusCode(404);
        NoticeFixtures.action(ADMIN, draft, "publish").statusCode(409);

        Map<String, Object> upcoming = NoticeFixtures.hotWater();
        upcoming.put("startsAt", NoticeFixtures.at(24));
        upcoming.put("endsAt", NoticeFixtures.at(48));
        long id = NoticeFixtures.published(ADMIN, upcoming);
        given().when().get("/api/v1/notices/" + id).then().body("state", equalTo("UPCOMING"));
        NoticeFixtures.action(ADMIN, id, "end").statusCode(409);
        NoticeFixtures.action(ADMIN, id, "cancel").statusCode(200).body("state", equalTo("CANCELLED"));
        given().when().get("/api/v1/notices/" + id).then().statusCode(200).body("state", equalTo("CANCELLED"));
    }

    @Test
    void publicListFiltersByStateDistrictAndTopicWithKeysetPages() {
        Map<String, Object> sovetsky = NoticeFixtures.hotWater();
        sovetsky.put("districtCodes", List.of("sovetsky"));
        long active = NoticeFixtures.published(OPERATOR, sovetsky);
        Map<String, Object> upcoming = new HashMap<>(sovetsky);
        upcoming.put("startsAt", NoticeFixtures.at(5));
        upcoming.put("endsAt", NoticeFixtures.at(10));
        long later = NoticeFixtures.published(OPERATOR, upcoming);
        Map<String, Object> wholeCity = NoticeFixtures.hotWater();
        wholeCity.remove("districtCodes");
        wholeCity.put("categoryCode", "roads");
        wholeCity.put("kind", "ROAD_WORKS");
        long roads = NoticeFixtures.published(OPERATOR, wholeCity);
        long draft = NoticeFixtures.createDraft(OPERATOR, sovetsky);

        List<Integer> activeInSovetsky = given().when().get("/api/v1/notices?state=ACTIVE&district=sovetsky&limit=100")
                .then().statusCode(200).extract().path("items.id");
        assertThat(activeInSovetsky).contains((int) active, (int) roads).doesNotContain((int) later, (int) draft);
        List<Integer> upcomingIds = given().when().get("/api/v1/notices?state=UPCOMING&limit=100").then().extract().path("items.id");
        assertThat(upcomingIds).contains((int) later).doesNotContain((int) active);
        // a sub-topic shows notices on its parent topic; another topic does not
        List<Integer> potholes = given().when().get("/api/v1/notices?category=roads.potholes&limit=100").then().extract().path("items.id");
        assertThat(potholes).contains((int) roads).doesNotContain((int) active);
        List<Integer> leninsky = given().when().get("/api/v1/notices?district=leninsky&limit=100").then().extract().path("items.id");
        assertThat(leninsky).contains((int) roads).doesNotContain((int) active, (int) later);

        // keyset pages of one item walk the whole list without repeats
        List<Integer> all = given().when().get("/api/v1/notices?district=sovetsky&limit=100").then().extract().path("items.id");
        List<Integer> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("district", "sovetsky").queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[] { cursor })
                    .when().get("/api/v1/notices").then().statusCode(200).extract();
            walked.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(walked).isEqualTo(all);

        given().when().get("/api/v1/notices?state=DRAFT").then().statusCode(400).body("errors[0].parameter", equalTo("state"));
        given().when().get("/api/v1/notices?district=atlantis").then().statusCode(400);
        given().when().get("/api/v1/notices?category=nope").then().statusCode(400);
        given().when().get("/api/v1/notices?cursor=%%%").then().statusCode(400);
        given().when().get("/api/v1/notices?limit=101").then().statusCode(400);
        given().when().get("/api/v1/notices/99999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void endedAndCancelledStatesAndTheAdminListByStatusWithKeysetPages() {
        long ended = NoticeFixtures.published(OPERATOR, NoticeFixtures.hotWater());
        NoticeFixtures.action(OPERATOR, ended, "end").statusCode(200);
        Map<String, Object> upcoming = NoticeFixtures.hotWater();
        upcoming.put("startsAt", NoticeFixtures.at(24));
        upcoming.put("endsAt", NoticeFixtures.at(48));
        long cancelled = NoticeFixtures.published(OPERATOR, upcoming);
        NoticeFixtures.action(OPERATOR, cancelled, "cancel").statusCode(200);

        List<Integer> endedIds = given().when().get("/api/v1/notices?state=ENDED&limit=100").then().statusCode(200)
                .extract().path("items.id");
        assertThat(endedIds).contains((int) ended).doesNotContain((int) cancelled);
        List<Integer> cancelledIds = given().when().get("/api/v1/notices?state=CANCELLED&limit=100").then().statusCode(200)
                .extract().path("items.id");
        assertThat(cancelledIds).contains((int) cancelled).doesNotContain((int) ended);

        List<Integer> adminCancelled = given().auth().oauth2(ADMIN).queryParam("status", "CANCELLED").queryParam("limit", 100)
                .when().get(ADMIN_PATH).then().statusCode(200).extract().path("items.id");
        assertThat(adminCancelled).contains((int) cancelled).doesNotContain((int) ended);
        List<Integer> adminEnded = given().auth().oauth2(ADMIN).queryParam("status", "ENDED").queryParam("limit", 100)
                .when().get(ADMIN_PATH).then().statusCode(200).extract().path("items.id");
        List<Integer> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(ADMIN).queryParam("status", "ENDED").queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[] { cursor })
                    .when().get(ADMIN_PATH).then().statusCode(200).extract();
            walked.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(walked).isEqualTo(adminEnded).contains((int) ended);
    }

    @Test
    void invalidNoticesAreRefusedWithEveryFieldNamedAndNothingStored() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("title", Map.of("ru", " "));
        bad.put("kind", "PICNIC_ONLY_IF_KNOWN");
        NoticeFixtures.create(ADMIN, bad).statusCode(400);

        Map<String, Object> invalid = NoticeFixtures.hotWater();
        invalid.put("title", Map.of("ru", ""));
        invalid.remove("text");
        invalid.put("categoryCode", "weather");
        invalid.put("districtCodes", List.of("leninsky", "atlantis", "leninsky"));
        invalid.put("area", Map.of("lat", 95.0, "lon", 50.1, "radiusMeters", 0));
        invalid.put("endsAt", NoticeFixtures.at(-5));
        invalid.put("organizationCode", "nobody");
        Integer before = given().auth().oauth2(ADMIN).when().get(ADMIN_PATH + "?limit=1").then().extract().path("items[0].id");
        NoticeFixtures.create(ADMIN, invalid).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/title/ru", "/text", "/categoryCode", "/districtCodes/1",
                        "/districtCodes/2", "/area/lat", "/area/radiusMeters", "/endsAt", "/organizationCode"));
        Integer after = given().auth().oauth2(ADMIN).when().get(ADMIN_PATH + "?limit=1").then().extract().path("items[0].id");
        assertThat(after).isEqualTo(before);

        Map<String, Object> unknownField = NoticeFixtures.hotWater();
        unknownField.put("priority", "HIGH");
        NoticeFixtures.create(ADMIN, unknownField).statusCode(400);
        given().auth().oauth2(ADMIN).when().get(ADMIN_PATH + "?status=LIVE").then().statusCode(400);
        NoticeFixtures.get(ADMIN, 99999999).statusCode(404);
        NoticeFixtures.action(ADMIN, 99999999, "publish").statusCode(404);
    }

    @Test
    void idempotencyKeyReturnsTheFirstDraft() {
        Map<String, Object> body = NoticeFixtures.hotWater();
        String key = "notice-" + java.util.UUID.randomUUID();
        int first = given().auth().oauth2(ADMIN).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(ADMIN_PATH).then().statusCode(201).extract().path("id");
        int again = given().auth().oauth2(ADMIN).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(ADMIN_PATH).then().statusCode(201).extract().path("id");
        assertThat(again).isEqualTo(first);
        body.put("kind", "INFO");
        given().auth().oauth2(ADMIN).header("Idempotency-Key", key).contentType("application/json").body(body)
                .when().post(ADMIN_PATH).then().statusCode(422);
    }

    @Test
    void atomFeedIsWellFormedWithTheRequiredElementsAndEscapedText() throws Exception {
        long id = NoticeFixtures.published(ADMIN, NoticeFixtures.hotWater());
        long draft = NoticeFixtures.createDraft(ADMIN, NoticeFixtures.hotWater());
        var response = given().when().get("/api/v1/notices/feed.atom?district=leninsky").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/atom+xml"))
                .header("ETag", notNullValue())
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=300"))
                .extract();
        String xml = response.asString();
        assertThat(xml).contains("&lt;до 14 декабря&gt; &amp; не звоните");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = document.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(child(feed, "id").getTextContent()).startsWith("tag:otklik.org,2026:");
        assertThat(child(feed, "title").getTextContent()).isNotBlank();
        OffsetDateTime.parse(child(feed, "updated").getTextContent());
        assertThat(links(feed, "self")).singleElement().satisfies(href -> assertThat(href).endsWith("/api/v1/notices/feed.atom?district=leninsky"));
        assertThat(child(child(feed, "author"), "name").getTextContent()).isNotBlank();

        Element entry = null;
        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element candidate = (Element) entries.item(i);
            String entryId = child(candidate, "id").getTextContent();
            assertThat(entryId).doesNotEndWith(":" + draft);
            if (entryId.equals("tag:otklik.org,2026:notices:" + id)) {
                entry = candidate;
            }
        }
        assertThat(entry).as("the published notice is an entry").isNotNull();
        assertThat(child(entry, "title").getTextContent()).isEqualTo("Отключение горячей воды");
        OffsetDateTime.parse(child(entry, "updated").getTextContent());
        assertThat(child(entry, "content").getTextContent()).isEqualTo(
                "Плановая опрессовка тепловых сетей <до 14 декабря> & не звоните в ЖЭК");
        assertThat(child(entry, "summary").getTextContent()).contains("Ленинский");
        assertThat(links(entry, "alternate")).singleElement().satisfies(href -> assertThat(href).endsWith("/api/v1/notices/" + id));

        given().header("If-None-Match", response.header("ETag")).when().get("/api/v1/notices/feed.atom?district=leninsky")
                .then().statusCode(304);
        given().when().get("/api/v1/notices/feed.atom?district=atlantis").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && ATOM.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                return element;
            }
        }
        throw new AssertionError("no atom:" + name + " in " + parent.getLocalName());
    }

    private static List<String> links(Element parent, String rel) {
        List<String> hrefs = new java.util.ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && "link".equals(element.getLocalName())
                    && rel.equals(element.getAttribute("rel"))) {
                hrefs.add(element.getAttribute("href"));
            }
        }
        return hrefs;
    }
}
