package org.otklik.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.notice.NoticeFixtures.ADMIN_PATH;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NoticeAccessTest {

    private static final String WATER = TestTokens.executor("rso.water");
    private static final String ROADS = TestTokens.executor("dep.roads");

    @Test
    void anExecutorManagesItsOwnOrganisationsNoticesAndNoOther() {
        Map<String, Object> body = NoticeFixtures.hotWater();
        body.remove("organizationCode");
        body.put("categoryCode", "housing.cold_water");
        long own = NoticeFixtures.createDraft(WATER, body);
        NoticeFixtures.get(WATER, own).statusCode(200).body("content.organizationCode", equalTo("rso.water"));

        // another organisation's notice does not exist for it, whatever it tries
        NoticeFixtures.get(ROADS, own).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ROADS).contentType("application/json").body(NoticeFixtures.hotWater())
                .when().put(ADMIN_PATH + "/" + own).then().statusCode(404);
        for (String action : List.of("publish", "end", "cancel")) {
            NoticeFixtures.action(ROADS, own, action).statusCode(404);
        }
        given().auth().oauth2(ROADS).contentType("application/json").body(Map.of("text", "Ответ", "resolution", "EXPLAINED"))
                .when().post(ADMIN_PATH + "/" + own + "/answer").then().statusCode(404);
        List<Integer> roadsList = given().auth().oauth2(ROADS).when().get(ADMIN_PATH + "?limit=100").then().statusCode(200)
                .extract().path("items.id");
        assertThat(roadsList).doesNotContain((int) own);
        NoticeFixtures.get(WATER, own).statusCode(200).body("status", equalTo("DRAFT"));

        // nor can it create one in another organisation's name
        NoticeFixtures.create(ROADS, NoticeFixtures.hotWater()).statusCode(403).contentType("application/problem+json");

        NoticeFixtures.action(WATER, own, "publish").statusCode(200);
        List<Integer> waterList = given().auth().oauth2(WATER).when().get(ADMIN_PATH + "?limit=100").then().extract().path("items.id");
        assertThat(waterList).contains((int) own);
        // operators and admins manage every notice
        NoticeFixtures.get(TestTokens.operator(), own).statusCode(200);
        NoticeFixtures.action(TestTokens.admin(), own, "end").statusCode(200);
    }

    /** A city-wide notice in another organisation's topic would be linked to its incidents and broadcast. */
    @Test
    void anExecutorAnnouncesOnlyWhatIsRoutedToItsOrganisation() {
        String leninsky = TestTokens.executor("adm.leninsky");
        Object before = newest();

        Map<String, Object> heat = NoticeFixtures.hotWater();
        heat.remove("organizationCode");
        heat.put("districtCodes", List.of());
        NoticeFixtures.create(WATER, heat).statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("housing.hot_water"));
        heat.put("districtCodes", List.of("leninsky"));
        NoticeFixtures.create(WATER, heat).statusCode(403);

        Map<String, Object> sidewalks = NoticeFixtures.hotWater();
        sidewalks.remove("organizationCode");
        sidewalks.put("categoryCode", "roads.sidewalks");
        sidewalks.put("districtCodes", List.of());
        NoticeFixtures.create(leninsky, sidewalks).statusCode(403).body("detail", org.hamcrest.Matchers.containsString("city-wide"));
        sidewalks.put("districtCodes", List.of("leninsky", "kirovsky"));
        NoticeFixtures.create(leninsky, sidewalks).statusCode(403).body("detail", org.hamcrest.Matchers.containsString("kirovsky"));
        Map<String, Object> roads = new java.util.HashMap<>(sidewalks);
        roads.put("categoryCode", "roads");
        roads.put("districtCodes", List.of("leninsky"));
        // the parent topic covers potholes, which go to dep.roads
        NoticeFixtures.create(leninsky, roads).statusCode(403);
        assertThat(newest()).as("nothing was created").isEqualTo(before);

        sidewalks.put("districtCodes", List.of("leninsky"));
        long own = NoticeFixtures.createDraft(leninsky, sidewalks);
        // nor can it widen its own notice afterwards
        String etag = NoticeFixtures.get(leninsky, own).extract().header("ETag");
        given().auth().oauth2(leninsky).header("If-Match", etag).contentType("application/json").body(roads)
                .when().put(ADMIN_PATH + "/" + own).then().statusCode(403);
        NoticeFixtures.get(leninsky, own).statusCode(200).body("content.categoryCode", equalTo("roads.sidewalks"))
                .header("ETag", etag);
        NoticeFixtures.action(leninsky, own, "publish").statusCode(200);

        // operators keep the whole city
        heat.put("districtCodes", List.of());
        heat.put("organizationCode", "rso.water");
        NoticeFixtures.createDraft(TestTokens.operator(), heat);
    }

    /** The id of the newest notice (the admin list is newest first). */
    private static Object newest() {
        return given().auth().oauth2(TestTokens.operator()).when().get(ADMIN_PATH + "?limit=1").then().statusCode(200)
                .extract().path("items[0].id");
    }

    @ParameterizedTest
    @ValueSource(strings = { "citizen", "analyst", "integration" })
    void otherRolesAreRefusedOnEveryAdminPath(String role) {
        String token = TestTokens.forRole(role);
        long id = NoticeFixtures.createDraft(TestTokens.admin(), NoticeFixtures.hotWater());
        given().auth().oauth2(token).when().get(ADMIN_PATH).then().statusCode(403).contentType("application/problem+json");
        NoticeFixtures.create(token, NoticeFixtures.hotWater()).statusCode(403);
        NoticeFixtures.get(token, id).statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(NoticeFixtures.hotWater())
                .when().put(ADMIN_PATH + "/" + id).then().statusCode(403);
        for (String action : List.of("publish", "end", "cancel")) {
            NoticeFixtures.action(token, id, action).statusCode(403);
        }
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "Ответ", "resolution", "EXPLAINED"))
                .when().post(ADMIN_PATH + "/" + id + "/answer").then().statusCode(403);
        NoticeFixtures.get(TestTokens.admin(), id).statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void anonymousCallersMustAuthenticateOnAdminPathsButReadPublicOnes() {
        given().when().get(ADMIN_PATH).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(NoticeFixtures.hotWater()).when().post(ADMIN_PATH).then().statusCode(401);
        given().when().post(ADMIN_PATH + "/1/publish").then().statusCode(401);
        given().contentType("application/json").body(Map.of("text", "Ответ", "resolution", "EXPLAINED"))
                .when().post(ADMIN_PATH + "/1/answer").then().statusCode(401);
        given().when().get("/api/v1/notices").then().statusCode(200);
        given().when().get("/api/v1/notices/feed.atom").then().statusCode(200);
    }

    @Test
    void adminsManageNoticesButAnswerNoIncidents() {
        long id = NoticeFixtures.published(TestTokens.admin(), NoticeFixtures.hotWater());
        given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("text", "Ответ", "resolution", "EXPLAINED"))
                .when().post(ADMIN_PATH + "/" + id + "/answer").then().statusCode(403);
        long draft = NoticeFixtures.createDraft(TestTokens.admin(), NoticeFixtures.hotWater());
        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body(Map.of("text", "Ответ", "resolution", "EXPLAINED"))
                .when().post(ADMIN_PATH + "/" + draft + "/answer").then().statusCode(409);
        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body(Map.of("resolution", "EXPLAINED"))
                .when().post(ADMIN_PATH + "/" + id + "/answer").then().statusCode(400);
    }
}
