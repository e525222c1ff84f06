package org.otklik.open311;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.open311.Open311Checks.BASE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.w3c.dom.Element;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class Open311UpdatesTest {

    private static String app;
    private static String roadsBackOffice;
    private static String heatBackOffice;

    @BeforeEach
    void registerClients() {
        if (app == null) {
            app = Open311Checks.issueKey("Приложение жителей", null);
            roadsBackOffice = Open311Checks.issueKey("АСУ дорожного департамента", "dep.roads");
            heatBackOffice = Open311Checks.issueKey("АСУ теплосети", "rso.heat");
        }
    }

    private static String pothole() {
        Response created = given().contentType("application/x-www-form-urlencoded").formParam("api_key", app)
                .formParam("service_code", "roads.potholes").formParam("lat", "53.21").formParam("long", "50.17")
                .post(BASE + "requests.json");
        return Open311Checks.json(created, "request-created").jsonPath().getString("[0].service_request_id");
    }

    private static RequestSpecification update(String key, String number, String updateId, String status) {
        return updateAt(key, number, updateId, status, "2026-11-29T10:15:00+04:00");
    }

    private static RequestSpecification updateAt(String key, String number, String updateId, String status, String at) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("api_key", key)
                .formParam("service_request_id", number).formParam("update_id", updateId).formParam("status", status)
                .formParam("updated_datetime", at).formParam("description", "Бригада выехала на место");
    }

    private static List<Map<String, Object>> timeline(String number) {
        return Staff.detail(TestTokens.operator(), number).statusCode(200).extract().jsonPath().getList("timeline");
    }

    @Test
    void aBackOfficeUpdateIsAStaffNoteAndStartsTheWork() {
        String number = pothole();
        Staff.accept(number);
        Response posted = Open311Checks.json(update(roadsBackOffice, number, "bo-" + UUID.randomUUID(), "IN_PROGRESS")
                .post(BASE + "servicerequestupdates.json"), "update-accepted");
        assertThat(posted.jsonPath().getString("[0].update_id")).startsWith("bo-");

        Response staff = Staff.detail(TestTokens.operator(), number).statusCode(200).extract().response();
        assertThat(staff.jsonPath().getString("status")).isEqualTo("IN_PROGRESS");
        List<Map<String, Object>> notes = staff.jsonPath().getList("timeline.findAll { it.type == 'NOTE' }");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).containsEntry("visibleToCitizen", false).containsEntry("actorRole", "executor");
        assertThat((String) notes.get(0).get("comment")).contains("АСУ дорожного департамента", "IN_PROGRESS",
                "Бригада выехала на место");

        // a status that does not start work stays a note; the incident is unchanged
        Element xml = Open311Checks.xml(update(roadsBackOffice, number, "bo-fixed-" + UUID.randomUUID(), "fixed")
                .post(BASE + "servicerequestupdates.xml"), "service_request_updates", "request_update");
        assertThat(Open311Checks.childNames(Open311Checks.children(xml).get(0))).containsExactly("update_id");
        assertThat(Staff.detail(TestTokens.operator(), number).extract().jsonPath().getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(timeline(number)).filteredOn(e -> "NOTE".equals(e.get("type"))).hasSize(2);
    }

    @Test
    void aRepeatedUpdateIdIsAppliedOnceEvenInParallel() throws Exception {
        String number = pothole();
        Staff.accept(number);
        String updateId = "bo-" + UUID.randomUUID();
        List<Response> answers = Parallel.run(8, () -> update(roadsBackOffice, number, updateId, "INVESTIGATING")
                .post(BASE + "servicerequestupdates.json"));
        assertThat(answers).allSatisfy(answer -> {
            Open311Checks.json(answer, "update-accepted");
            assertThat(answer.jsonPath().getString("[0].update_id")).isEqualTo(updateId);
        });
        List<Map<String, Object>> timeline = timeline(number);
        assertThat(timeline).filteredOn(e -> "NOTE".equals(e.get("type"))).hasSize(1);
        assertThat(timeline).filteredOn(e -> "IN_PROGRESS".equals(e.get("type"))).hasSize(1);
    }

    @Test
    void onlyTheAssignedOrganisationsBackOfficePostsValidUpdates() {
        String number = pothole();
        Staff.accept(number);
        Open311Checks.jsonErrors(update(app, number, "u1", "IN_PROGRESS").post(BASE + "servicerequestupdates.json"), 403);
        Open311Checks.jsonErrors(update("o311_wrong", number, "u1", "IN_PROGRESS").post(BASE + "servicerequestupdates.json"), 403);
        Open311Checks.xmlErrors(given().contentType("application/x-www-form-urlencoded").formParam("service_request_id", number)
                .post(BASE + "servicerequestupdates.xml"), 403);
        Open311Checks.jsonErrors(update(heatBackOffice, number, "u1", "IN_PROGRESS").post(BASE + "servicerequestupdates.json"), 404);
        Open311Checks.jsonErrors(update(roadsBackOffice, "2611-999999", "u1", "IN_PROGRESS").post(BASE + "servicerequestupdates.json"), 404);
        assertThat(Open311Checks.jsonErrors(update(roadsBackOffice, number, "u1", "DONE_AND_DUSTED")
                .post(BASE + "servicerequestupdates.json"), 400).get(0)).contains("status");
        assertThat(Open311Checks.jsonErrors(given().contentType("application/x-www-form-urlencoded").formParam("api_key", roadsBackOffice)
                .formParam("service_request_id", number).formParam("status", "OPEN").formParam("updated_datetime", "2026-11-29T10:15:00Z")
                .post(BASE + "servicerequestupdates.json"), 400).get(0)).contains("update_id");
        assertThat(Open311Checks.jsonErrors(updateAt(roadsBackOffice, number, "u1", "OPEN", "вчера")
                .post(BASE + "servicerequestupdates.json"), 400).get(0)).contains("updated_datetime");
        assertThat(timeline(number)).filteredOn(e -> "NOTE".equals(e.get("type"))).isEmpty();
        assertThat(Staff.detail(TestTokens.operator(), number).extract().jsonPath().getString("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void updatesListThePublicChangesWithLowerCaseStatuses() {
        // from this test's start: a page (200 at most) of the whole suite's last minutes may not reach its entries
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusSeconds(2);
        String number = pothole();
        Staff.accept(number);
        Staff.act(TestTokens.executor("dep.roads"), number, "progress").statusCode(200);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        Response json = Open311Checks.json(given().queryParam("start_date", started.toString())
                .queryParam("end_date", now.plusMinutes(1).toString()).get(BASE + "servicerequestupdates.json"), "updates");
        List<Map<String, Object>> mine = json.jsonPath().getList("findAll { it.service_request_id == '" + number + "' }");
        assertThat(mine).extracting(u -> u.get("status")).containsExactly("investigating", "in_progress");
        assertThat(mine).extracting(u -> u.get("description")).containsExactly("Передано исполнителю", "В работе");

        Element xml = Open311Checks.xml(given().queryParam("start_date", now.minusMinutes(10).toString())
                .get(BASE + "servicerequestupdates.xml"), "service_request_updates", "request_update");
        assertThat(Open311Checks.childNames(Open311Checks.children(xml).get(0)))
                .contains("update_id", "service_request_id", "status", "updated_datetime", "description");

        Open311Checks.json(given().get(BASE + "servicerequestupdates.json"), "updates");
        assertThat(Open311Checks.jsonErrors(given().queryParam("start_date", now.minusDays(100).toString())
                .queryParam("end_date", now.toString()).get(BASE + "servicerequestupdates.json"), 400).get(0)).contains("90 days");
        Open311Checks.jsonErrors(given().queryParam("start_date", "2026-11-01").get(BASE + "servicerequestupdates.json"), 400);
        Open311Checks.xmlErrors(given().queryParam("end_date", "x").get(BASE + "servicerequestupdates.xml"), 400);
        Open311Checks.jsonErrors(given().queryParam("api_key", "o311_wrong").get(BASE + "servicerequestupdates.json"), 403);
    }
}
