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
class Open311RequestsTest {

    private static String key;

    @BeforeEach
    void registerTheClient() {
        if (key == null) {
            key = Open311Checks.issueKey("Тестовое приложение", null);
        }
    }

    private static RequestSpecification pothole(String key) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("api_key", key)
                .formParam("service_code", "roads.potholes")
                .formParam("lat", "53.2001")
                .formParam("long", "50.1500")
                .formParam("description", "Яма у остановки, глубокая.");
    }

    private static String submitted(Response response) {
        Open311Checks.json(response, "request-created");
        return response.jsonPath().getString("[0].service_request_id");
    }

    @Test
    void aFormRequestBecomesARoutedIncidentWhoseContactReachesStaffOnly() {
        Response created = pothole(key)
                .formParam("address_string", "ул. Ново-Садовая, 106")
                .formParam("email", "resident@example.org")
                .formParam("phone", "+7 900 555-12-34")
                .formParam("first_name", "Анна")
                .formParam("last_name", "Скрытная")
                .formParam("device_id", "device-42")
                .formParam("media_url", "https://files.example.org/1.jpg")
                .formParam("media_url", "https://files.example.org/2.jpg")
                .formParam("attribute[size]", "large")
                .formParam("attribute[hazards][]", "wheels")
                .formParam("attribute[hazards][]", "water")
                .post(BASE + "requests.json");
        String number = submitted(created);
        assertThat(created.jsonPath().getString("[0].token")).hasSize(32);
        assertThat(created.jsonPath().getString("[0].service_notice")).contains("Департамент").contains("Срок ответа");

        Response staff = Staff.detail(TestTokens.operator(), number).statusCode(200).extract().response();
        assertThat(staff.jsonPath().getString("channel")).isEqualTo("OPEN311");
        assertThat(staff.jsonPath().getString("organization.code")).isEqualTo("dep.roads");
        assertThat(staff.jsonPath().getString("contact.email")).isEqualTo("resident@example.org");
        assertThat(staff.jsonPath().getString("contact.phone")).isEqualTo("+7 900 555-12-34");
        assertThat(staff.jsonPath().getList("attachments")).containsExactly("https://files.example.org/1.jpg",
                "https://files.example.org/2.jpg");
        assertThat(staff.jsonPath().getString("text")).startsWith("Яма у остановки, глубокая.")
                .contains("Размер ямы: Больше метра").contains("Чем опасна: Повреждает колёса, Заполнена водой")
                .contains("Анна Скрытная");
        assertThat(staff.jsonPath().getString("address")).isEqualTo("ул. Ново-Садовая, 106");
        assertThat(staff.jsonPath().getString("firstResponseDue")).isNotNull();

        Response publicView = Open311Checks.json(given().get(BASE + "requests/" + number + ".json"), "requests");
        assertThat(publicView.jsonPath().getList("$")).hasSize(1);
        assertThat(publicView.jsonPath().getString("[0].status")).isEqualTo("open");
        assertThat(publicView.jsonPath().getString("[0].service_code")).isEqualTo("roads.potholes");
        assertThat(publicView.jsonPath().getString("[0].agency_responsible")).startsWith("Департамент");
        assertThat(publicView.jsonPath().getFloat("[0].lat")).isEqualTo(53.2f);
        String body = publicView.asString() + given().get(BASE + "requests/" + number + ".xml").asString()
                + given().queryParam("extensions", "true").get(BASE + "requests/" + number + ".json").asString();
        assertThat(body).doesNotContain("resident@example.org", "555-12-34", "Анна", "Скрытная", "Яма у остановки",
                "Ново-Садовая", "device-42", "files.example.org", "50.15001");
    }

    @Test
    void multipartAndXmlWorkTheSameWay() {
        Response created = given().multiPart("api_key", key).multiPart("service_code", "housing.heating")
                .multiPart("address_string", "ул. Ленинская, 1", "text/plain; charset=UTF-8")
                .multiPart("attribute[scope]", "building")
                .multiPart("attribute[since]", "2026-11-28T08:00:00+04:00")
                .multiPart("description", "Нет отопления во всём доме", "text/plain; charset=UTF-8")
                .post(BASE + "requests.xml");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        Element root = Open311Checks.xml(created, "service_requests", "request");
        Element request = Open311Checks.children(root).get(0);
        assertThat(Open311Checks.childNames(request)).contains("service_request_id", "token", "service_notice");
        String number = Open311Checks.text(request, "service_request_id");
        String token = Open311Checks.text(request, "token");

        Response byToken = Open311Checks.json(given().get(BASE + "tokens/" + token + ".json"), "tokens");
        assertThat(byToken.jsonPath().getString("[0].service_request_id")).isEqualTo(number);
        Element xmlToken = Open311Checks.xml(given().get(BASE + "tokens/" + token + ".xml"), "service_requests", "request");
        assertThat(Open311Checks.text(Open311Checks.children(xmlToken).get(0), "service_request_id")).isEqualTo(number);
        Open311Checks.jsonErrors(given().get(BASE + "tokens/no-such-token.json"), 404);

        Element list = Open311Checks.xml(given().get(BASE + "requests/" + number + ".xml"), "service_requests", "request");
        Element one = Open311Checks.children(list).get(0);
        assertThat(Open311Checks.childNames(one)).contains("service_request_id", "status", "status_notes", "service_name",
                "service_code", "agency_responsible", "requested_datetime", "updated_datetime", "expected_datetime");
        assertThat(Open311Checks.text(one, "status")).isEqualTo("open");
        assertThat(Staff.detail(TestTokens.operator(), number).extract().path("text").toString())
                .contains("Где нет отопления: Во всём доме").contains("С какого времени: 2026-11-28T08:00:00+04:00");
    }

    @Test
    void fixMyStreetUnpinnedReportsAndMediaAreAccepted() {
        String number = submitted(pothole(key).formParam("address_id", Open311RequestForm.NOT_PINPOINTED)
                .formParam("deviceid", "fms-ios").formParam("media_url", "http://fms.example.org/photo/7.jpeg")
                .post(BASE + "requests.json"));
        assertThat(Staff.detail(TestTokens.operator(), number).extract().path("attachments").toString()).contains("7.jpeg");

        List<String> errors = Open311Checks.jsonErrors(given().contentType("application/x-www-form-urlencoded")
                .formParam("api_key", key).formParam("service_code", "roads.potholes")
                .formParam("address_id", Open311RequestForm.NOT_PINPOINTED).post(BASE + "requests.json"), 400);
        assertThat(errors.get(0)).contains("one location is required");
    }

    @Test
    void aMissingOrBadKeyIs403() {
        Open311Checks.jsonErrors(given().contentType("application/x-www-form-urlencoded").formParam("service_code", "roads.potholes")
                .formParam("lat", "53.2").formParam("long", "50.15").post(BASE + "requests.json"), 403);
        assertThat(Open311Checks.jsonErrors(pothole("o311_not-a-key").post(BASE + "requests.json"), 403).get(0)).contains("api_key");
        Open311Checks.xmlErrors(pothole("o311_not-a-key").post(BASE + "requests.xml"), 403);

        String revoked = Open311Checks.issueKey("Отозванный", null);
        submitted(pothole(revoked).post(BASE + "requests.json"));
        String id = given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/open311-keys").jsonPath()
                .getString("find { it.name == 'Отозванный' }.id");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/open311-keys/" + id + "/revocation").then().statusCode(200);
        Open311Checks.jsonErrors(pothole(revoked).post(BASE + "requests.json"), 403);
        // the key may also come in the query
        submitted(given().queryParam("api_key", key).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "roads.potholes").formParam("lat", "53.2").formParam("long", "50.15")
                .post(BASE + "requests.json"));
    }

    @Test
    void invalidInputIs400NamingTheField() {
        Map<String, List<String>> cases = Map.of(
                "roads.nothing", List.of("service_code", "there is no service"),
                "housing", List.of("service_code", "there is no service"));
        cases.forEach((code, expected) -> assertThat(Open311Checks.jsonErrors(given().contentType("application/x-www-form-urlencoded")
                .formParam("api_key", key).formParam("service_code", code).formParam("lat", "53.2").formParam("long", "50.15")
                .post(BASE + "requests.json"), 400).get(0)).contains(expected));

        assertThat(description(pothole(key).formParam("attribute[colour]", "red"))).contains("attribute[colour]");
        assertThat(description(pothole(key).formParam("attribute[size]", "huge"))).contains("attribute[size]", "small, medium, large");
        assertThat(description(pothole(key).formParam("attribute[size]", "small").formParam("attribute[size]", "large")))
                .contains("attribute[size]", "one value");
        assertThat(description(pothole(key).formParam("attribute[hazards][]", "sharks"))).contains("attribute[hazards]");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "housing.heating").formParam("lat", "53.2").formParam("long", "50.15")))
                .contains("attribute[scope]", "is required");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "housing.heating").formParam("attribute[scope]", "flat")
                .formParam("attribute[since]", "вчера").formParam("address_string", "Ленина, 1")))
                .contains("attribute[since]");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "landscaping.lighting").formParam("attribute[lamps_out]", "many")
                .formParam("address_string", "Ленина, 1"))).contains("attribute[lamps_out]", "number");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "roads.potholes"))).contains("one location is required");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "roads.potholes").formParam("lat", "53.2"))).contains("long");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "roads.potholes").formParam("lat", "north").formParam("long", "50.1")))
                .contains("lat");
        assertThat(description(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "roads.potholes").formParam("lat", "55.75").formParam("long", "37.61")))
                .contains("outside the city");
        assertThat(description(pothole(key).formParam("email", "not-an-address"))).contains("email");
        assertThat(description(pothole(key).formParam("phone", "call me"))).contains("phone");
        assertThat(description(pothole(key).formParam("media_url", "ftp://example.org/x"))).contains("media_url");
        assertThat(description(given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("api_key", key)
                .formParam("service_code", "roads.potholes").formParam("address_string", "Ленина, 1")
                .formParam("description", "я".repeat(4001)))).contains("description");
        submitted(given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("api_key", key)
                .formParam("service_code", "roads.potholes").formParam("address_string", "Ленина, 1")
                .formParam("description", "я".repeat(4000)).post(BASE + "requests.json"));
        assertThat(given().multiPart("api_key", key).multiPart("service_code", "roads.potholes").multiPart("lat", "53.2")
                .multiPart("long", "50.15").multiPart("description", "я".repeat(4000), "text/plain; charset=UTF-8")
                .post(BASE + "requests.json").statusCode()).isEqualTo(200);
        assertThat(Open311Checks.xmlErrors(pothole(key).formParam("attribute[size]", "huge").post(BASE + "requests.xml"), 400).get(0))
                .contains("attribute[size]");
    }

    private static String description(RequestSpecification request) {
        return String.join(" | ", Open311Checks.jsonErrors(request.post(BASE + "requests.json"), 400));
    }

    @Test
    void bodiesOtherThanFormsAndOversizedBodiesGetOpen311Errors() {
        Open311Checks.jsonErrors(given().contentType("application/json").body("{\"service_code\":\"roads.potholes\"}")
                .post(BASE + "requests.json"), 415);
        Open311Checks.xmlErrors(given().contentType("application/json").body("{}").post(BASE + "requests.xml"), 415);
        Open311Checks.jsonErrors(given().contentType("application/x-www-form-urlencoded")
                .body("api_key=" + key + "&description=" + "x".repeat(70 * 1024))
                .post(BASE + "requests.json"), 413);
    }

    @Test
    void theClientsOwnIdMakesARepeatReturnTheSameRequest() throws Exception {
        String ownId = "fms-" + UUID.randomUUID();
        List<String> numbers = Parallel.run(6, () -> submitted(pothole(key).formParam("attribute[fixmystreet_id]", ownId)
                .post(BASE + "requests.json")));
        assertThat(numbers).hasSize(6).containsOnly(numbers.get(0));
        String tokenAgain = pothole(key).formParam("attribute[fixmystreet_id]", ownId).post(BASE + "requests.json")
                .jsonPath().getString("[0].token");
        assertThat(given().get(BASE + "tokens/" + tokenAgain + ".json").jsonPath().getString("[0].service_request_id"))
                .isEqualTo(numbers.get(0));

        String otherClient = Open311Checks.issueKey("Другое приложение", null);
        String theirs = submitted(pothole(otherClient).formParam("attribute[fixmystreet_id]", ownId).post(BASE + "requests.json"));
        assertThat(theirs).isNotEqualTo(numbers.get(0));
        String without = submitted(pothole(key).post(BASE + "requests.json"));
        assertThat(submitted(pothole(key).post(BASE + "requests.json"))).isNotEqualTo(without);
    }

    @Test
    void theListFiltersByIdServiceStatusAndTime() {
        String first = submitted(pothole(key).post(BASE + "requests.json"));
        String second = submitted(pothole(key).post(BASE + "requests.json"));
        String lighting = submitted(given().contentType("application/x-www-form-urlencoded").formParam("api_key", key)
                .formParam("service_code", "landscaping.lighting").formParam("attribute[lamps_out]", "3")
                .formParam("address_string", "Ленина, 1").post(BASE + "requests.json"));
        Staff.act(TestTokens.operator(), second, "moderation", Map.of("decision", "REJECT", "reason", "SPAM")).statusCode(200);

        Response byIds = Open311Checks.json(given().queryParam("service_request_id", first + "," + second)
                .queryParam("service_code", "covid").get(BASE + "requests.json"), "requests");
        assertThat(byIds.jsonPath().getList("service_request_id")).containsExactlyInAnyOrder(first, second);
        assertThat(byIds.jsonPath().getString("find { it.service_request_id == '" + second + "' }.status")).isEqualTo("closed");

        Response potholes = Open311Checks.json(given().queryParam("service_code", "roads.potholes").queryParam("status", "open")
                .queryParam("page_size", "200").get(BASE + "requests.json"), "requests");
        assertThat(potholes.jsonPath().getList("service_request_id")).contains(first).doesNotContain(second, lighting);
        assertThat(potholes.jsonPath().getList("service_code")).containsOnly("roads.potholes");
        assertThat(potholes.jsonPath().getList("status")).containsOnly("open");

        Response closed = Open311Checks.json(given().queryParam("status", "closed").queryParam("page_size", "200")
                .get(BASE + "requests.json"), "requests");
        assertThat(closed.jsonPath().getList("service_request_id")).as("a rejected request is listed only by id")
                .doesNotContain(second, first);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        Response window = Open311Checks.json(given().queryParam("start_date", now.minusHours(1).toString())
                .queryParam("end_date", now.plusHours(1).toString()).queryParam("service_code", "landscaping.lighting")
                .get(BASE + "requests.json"), "requests");
        assertThat(window.jsonPath().getList("service_request_id")).contains(lighting);
        Response before = Open311Checks.json(given().queryParam("end_date", now.minusDays(1).toString())
                .queryParam("service_code", "landscaping.lighting").get(BASE + "requests.json"), "requests");
        assertThat(before.jsonPath().getList("service_request_id")).doesNotContain(lighting);
        Response updated = Open311Checks.json(given().queryParam("updated_after", now.minusMinutes(30).toString())
                .queryParam("service_code", "roads.potholes").queryParam("page_size", "200").get(BASE + "requests.json"), "requests");
        assertThat(updated.jsonPath().getList("service_request_id")).contains(first).doesNotContain(second);

        Response page1 = Open311Checks.json(given().queryParam("page_size", "1").queryParam("page", "1").get(BASE + "requests.json"), "requests");
        Response page2 = Open311Checks.json(given().queryParam("page_size", "1").queryParam("page", "2").get(BASE + "requests.json"), "requests");
        assertThat(page1.jsonPath().getList("$")).hasSize(1);
        assertThat(page2.jsonPath().getList("$")).hasSize(1);
        assertThat(page1.jsonPath().getString("[0].service_request_id")).isNotEqualTo(page2.jsonPath().getString("[0].service_request_id"));

        Element xml = Open311Checks.xml(given().queryParam("service_request_id", first + "," + second).get(BASE + "requests.xml"),
                "service_requests", "request");
        assertThat(Open311Checks.children(xml)).hasSize(2);
        Open311Checks.jsonErrors(given().get(BASE + "requests/2611-999999.json"), 404);
    }

    @Test
    void extensionsAddThePublicTimelineAsNotes() {
        String number = submitted(pothole(key).post(BASE + "requests.json"));
        Staff.accept(number);
        Response json = Open311Checks.json(given().queryParam("extensions", "true").get(BASE + "requests/" + number + ".json"), "requests");
        assertThat(json.jsonPath().getList("[0].notes.summary")).containsExactly("open", "investigating");
        assertThat(json.jsonPath().getString("[0].extended_attributes.status")).isEqualTo("investigating");
        assertThat(json.jsonPath().getString("[0].status_notes")).isEqualTo("Передано исполнителю");
        Element xml = Open311Checks.xml(given().queryParam("extensions", "true").get(BASE + "requests/" + number + ".xml"),
                "service_requests", "request");
        Element notes = Open311Checks.children(Open311Checks.children(xml).get(0)).stream()
                .filter(e -> e.getTagName().equals("notes")).findFirst().orElseThrow();
        assertThat(Open311Checks.childNames(notes)).containsExactly("note", "note");
        assertThat(Open311Checks.json(given().get(BASE + "requests/" + number + ".json"), "requests").jsonPath().getList("[0].notes"))
                .isNull();
    }

    @Test
    void badFiltersAre400() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        assertThat(String.join(" ", Open311Checks.jsonErrors(given().queryParam("start_date", now.minusDays(91).toString())
                .queryParam("end_date", now.toString()).get(BASE + "requests.json"), 400))).contains("90 days");
        Open311Checks.jsonErrors(given().queryParam("updated_after", now.minusDays(100).toString())
                .queryParam("updated_before", now.toString()).get(BASE + "requests.json"), 400);
        Open311Checks.jsonErrors(given().queryParam("start_date", now.toString()).queryParam("end_date", now.minusDays(1).toString())
                .get(BASE + "requests.json"), 400);
        for (String date : List.of("yesterday", "2026-11-28", "2026-11-28T10:00:00", "2026-13-01T00:00:00Z")) {
            assertThat(Open311Checks.jsonErrors(given().queryParam("start_date", date).get(BASE + "requests.json"), 400).get(0))
                    .contains("start_date");
        }
        Open311Checks.xmlErrors(given().queryParam("end_date", "soon").get(BASE + "requests.xml"), 400);
        Open311Checks.jsonErrors(given().queryParam("status", "pending").get(BASE + "requests.json"), 400);
        Open311Checks.jsonErrors(given().queryParam("page_size", "0").get(BASE + "requests.json"), 400);
        Open311Checks.jsonErrors(given().queryParam("page_size", "201").get(BASE + "requests.json"), 400);
        Open311Checks.jsonErrors(given().queryParam("page_size", "1000").get(BASE + "requests.json"), 400);
        Open311Checks.jsonErrors(given().queryParam("page", "2147484").get(BASE + "requests.json"), 400);
        Open311Checks.json(given().queryParam("page", "2147483").get(BASE + "requests.json"), "requests");
        Open311Checks.jsonErrors(given().queryParam("page", "x").get(BASE + "requests.json"), 400);
        Open311Checks.jsonErrors(given().queryParam("extensions", "yes").get(BASE + "requests.json"), 400);
    }

    @Test
    void latLongRadiusKeepsTheRequestsWhosePublicPointIsWithinTheRadius() {
        java.util.function.BiFunction<String, String, String> at = (lat, lon) -> submitted(given()
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("api_key", key)
                .formParam("service_code", "roads.potholes").formParam("lat", lat).formParam("long", lon)
                .formParam("description", "Яма на обочине").post(BASE + "requests.json"));
        String here = at.apply("53.11001", "49.90002");
        String north = at.apply("53.1127", "49.9");
        java.util.function.Function<Map<String, ?>, List<String>> found = query -> Open311Checks.json(given()
                .queryParams(query).get(BASE + "requests.json"), "requests").jsonPath().getList("service_request_id");
        assertThat(found.apply(Map.of("lat", "53.11", "long", "49.9", "radius", "100"))).containsExactly(here);
        assertThat(found.apply(Map.of("lat", "53.11", "long", "49.9", "radius", "400"))).containsExactly(north, here);
        assertThat(found.apply(Map.of("lat", "53.11", "long", "49.9"))).containsExactly(north, here);
        Response near = given().queryParams(Map.of("lat", "53.11", "long", "49.9", "radius", "100")).get(BASE + "requests.json");
        assertThat(near.jsonPath().getDouble("[0].lat")).isEqualTo(53.11);
        assertThat(near.asString()).doesNotContain("53.11001", "49.90002");
        for (Map<String, String> bad : List.of(Map.of("lat", "53.11"), Map.of("radius", "100"),
                Map.of("lat", "53.11", "long", "49.9", "radius", "5001"), Map.of("lat", "53.11", "long", "49.9", "radius", "0"),
                Map.of("lat", "91", "long", "49.9"), Map.of("lat", "north", "long", "49.9"))) {
            given().queryParams(bad).get(BASE + "requests.json").then().statusCode(400);
        }
    }
}
