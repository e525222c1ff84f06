package org.otklik.notice;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.ValidatableResponse;

/** Notice bodies and the admin calls the notice tests share. */
final class NoticeFixtures {

    static final String ADMIN_PATH = "/api/v1/admin/notices";

    private NoticeFixtures() {
    }

    static String at(long hoursFromNow) {
        return OffsetDateTime.now(ZoneOffset.ofHours(4)).truncatedTo(ChronoUnit.SECONDS).plusHours(hoursFromNow).toString();
    }

    /** A hot-water outage in Leninsky running from an hour ago for a day, by the water utility. */
    static Map<String, Object> hotWater() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", Map.of("ru", "Отключение горячей воды", "en", "Hot water outage"));
        body.put("text", Map.of("ru", "Плановая опрессовка тепловых сетей <до 14 декабря> & не звоните в ЖЭК"));
        body.put("kind", "PLANNED_OUTAGE");
        body.put("categoryCode", "housing.hot_water");
        body.put("districtCodes", List.of("leninsky"));
        body.put("startsAt", at(-1));
        body.put("endsAt", at(24));
        body.put("organizationCode", "rso.water");
        return body;
    }

    static ValidatableResponse create(String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).when().post(ADMIN_PATH).then();
    }

    static long createDraft(String token, Object body) {
        return ((Number) create(token, body).statusCode(201).extract().path("id")).longValue();
    }

    static ValidatableResponse action(String token, long id, String action) {
        return given().auth().oauth2(token).when().post(ADMIN_PATH + "/" + id + "/" + action).then();
    }

    static long published(String token, Object body) {
        long id = createDraft(token, body);
        action(token, id, "publish").statusCode(200);
        return id;
    }

    static ValidatableResponse get(String token, long id) {
        return given().auth().oauth2(token).when().get(ADMIN_PATH + "/" + id).then();
    }
}
