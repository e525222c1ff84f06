package org.otklik.open311;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.open311.Open311Checks.BASE;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Await;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;
import org.w3c.dom.Element;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a FixMyStreet installation does against a council's Open311 endpoint (XML, as it asks by
 * default): read the services and a definition, send a report, then poll requests and
 * servicerequestupdates until the council's answer — given by staff through the staff API — arrives.
 */
@QuarkusTest
class Open311RoundTripTest {

    @Test
    void aFixMyStreetReportReceivesTheStaffAnswer() throws Exception {
        String key = Open311Checks.issueKey("FixMyStreet Самара", null);
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusSeconds(1);

        Element services = Open311Checks.xml(given().get(BASE + "services.xml"), "services", "service");
        Element heating = Open311Checks.children(services).stream()
                .filter(s -> "housing.heating".equals(Open311Checks.text(s, "service_code"))).findFirst().orElseThrow();
        assertThat(Open311Checks.text(heating, "metadata")).isEqualTo("true");
        Element definition = Open311Checks.xml(given().get(BASE + "services/housing.heating.xml"), "service_definition", null);
        Element scope = Open311Checks.children(Open311Checks.children(definition).get(1)).get(0);
        assertThat(Open311Checks.text(scope, "code")).isEqualTo("scope");

        String fmsId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        Response sent = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("api_key", key).formParam("service_code", "housing.heating")
                .formParam("lat", "53.1959").formParam("long", "50.1002").formParam("address_id", "#NOTPINPOINTED#")
                .formParam("description", "Холодные батареи во всём подъезде с утра")
                .formParam("email", "fms-user@example.org").formParam("first_name", "Пётр").formParam("last_name", "Петров")
                .formParam("attribute[scope]", "building").formParam("attribute[fixmystreet_id]", fmsId)
                .formParam("media_url", "https://fixmystreet.example.org/photo/" + fmsId + ".jpeg")
                .post(BASE + "requests.xml");
        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(200);
        Element created = Open311Checks.children(Open311Checks.xml(sent, "service_requests", "request")).get(0);
        String number = Open311Checks.text(created, "service_request_id");
        assertThat(number).isNotBlank();

        Element listed = Open311Checks.children(Open311Checks.xml(given().queryParam("service_request_id", number)
                .get(BASE + "requests.xml"), "service_requests", "request")).get(0);
        assertThat(Open311Checks.text(listed, "status")).isEqualTo("open");
        assertThat(Open311Checks.text(listed, "agency_responsible")).isNotBlank();

        // staff work on it through the staff API, with real tokens
        String organization = Staff.detail(TestTokens.operator(), number).statusCode(200).extract().path("organization.code");
        assertThat(organization).isEqualTo("rso.heat");
        Staff.accept(number);
        String executor = TestTokens.executor(organization);
        Staff.act(executor, number, "progress").statusCode(200);
        String answer = "Задвижка на вводе открыта, отопление восстановлено в 14:20.";
        Staff.answer(executor, number, answer);

        Map<String, String> fixed = poll(() -> {
            Element updates = Open311Checks.xml(given().queryParam("api_key", key).queryParam("start_date", started.toString())
                    .queryParam("end_date", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).withNano(0).toString())
                    .get(BASE + "servicerequestupdates.xml"), "service_request_updates", "request_update");
            return Open311Checks.children(updates).stream()
                    .filter(u -> number.equals(Open311Checks.text(u, "service_request_id")))
                    .filter(u -> "fixed".equals(Open311Checks.text(u, "status")))
                    .map(u -> Map.of("description", Open311Checks.text(u, "description"),
                            "updated_datetime", Open311Checks.text(u, "updated_datetime")))
                    .findFirst();
        });
        assertThat(fixed.get("description")).isEqualTo(answer);
        assertThat(OffsetDateTime.parse(fixed.get("updated_datetime"))).isAfterOrEqualTo(started);

        Element closed = Open311Checks.children(Open311Checks.xml(given().get(BASE + "requests/" + number + ".xml"),
                "service_requests", "request")).get(0);
        assertThat(Open311Checks.text(closed, "status")).isEqualTo("closed");
        assertThat(Open311Checks.text(closed, "status_notes")).isEqualTo("Решено");

        // the same updates in JSON, with and without the key: the answer text only for the client that sent the report
        Response withKey = Open311Checks.json(given().queryParam("api_key", key).queryParam("start_date", started.toString())
                .get(BASE + "servicerequestupdates.json"), "updates");
        assertThat(withKey.jsonPath().getList("findAll { it.service_request_id == '" + number + "' }.status"))
                .containsExactly("investigating", "in_progress", "fixed");
        Response anonymous = Open311Checks.json(given().queryParam("start_date", started.toString())
                .get(BASE + "servicerequestupdates.json"), "updates");
        assertThat(anonymous.asString()).doesNotContain("Задвижка", "fms-user", "Петров", "Холодные батареи");
        String other = Open311Checks.issueKey("Чужое приложение", null);
        assertThat(given().queryParam("api_key", other).queryParam("start_date", started.toString())
                .get(BASE + "servicerequestupdates.json").asString()).doesNotContain("Задвижка");
        Response requests = Open311Checks.json(given().queryParam("service_request_id", number).queryParam("extensions", "true")
                .get(BASE + "requests.json"), "requests");
        assertThat(requests.jsonPath().getList("[0].notes.summary")).containsExactly("open", "investigating", "in_progress", "fixed");
        assertThat(requests.asString()).doesNotContain("Задвижка", "fms-user", "Петров", "Холодные батареи", "fixmystreet.example.org");
    }

    private static <T> T poll(java.util.function.Supplier<Optional<T>> check) {
        return Await.find("the update", Duration.ofSeconds(20), check::get);
    }
}
