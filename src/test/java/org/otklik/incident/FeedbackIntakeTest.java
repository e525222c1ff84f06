package org.otklik.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class FeedbackIntakeTest {

    private static String citizen() {
        return TestTokens.citizen(Feedback.uniqueSubject("citizen"));
    }

    private static String mobileCitizen() {
        return TestTokens.sign(TestTokens.claims(Feedback.uniqueSubject("mobile"), "citizen").claim("azp", "otklik-mobile"));
    }

    @Test
    void widgetSubmissionIsRoutedWithDeadlines() {
        ExtractableResponse<Response> created = Feedback.submit(citizen(), Feedback.pothole())
                .statusCode(201)
                .header("Location", matchesPattern("/api/v1/me/incidents/\\d{4}-\\d{6}"))
                .body("number", matchesPattern("\\d{4}-\\d{6}"))
                .body("status", equalTo("NEW"))
                .body("category.code", equalTo("roads.potholes"))
                .body("category.nameRu", equalTo("Ямы и покрытие"))
                .body("district.code", equalTo("oktyabrsky"))
                .body("organization.code", equalTo("dep.roads"))
                .body("organization.nameRu", equalTo("Департамент дорожного хозяйства"))
                .body("firstResponseDue", endsWith("+04:00"))
                .body("contact", nullValue())
                .extract();
        OffsetDateTime createdAt = OffsetDateTime.parse(created.path("createdAt"));
        OffsetDateTime firstResponse = OffsetDateTime.parse(created.path("firstResponseDue"));
        OffsetDateTime resolution = OffsetDateTime.parse(created.path("resolutionDue"));
        assertThat(firstResponse).isAfter(createdAt);
        assertThat(resolution).isAfter(firstResponse);
        assertThat(resolution.toLocalTime()).hasToString("18:00");
        assertThat(created.header("Location")).endsWith((String) created.path("number"));
    }

    @Test
    void aNulCharacterIsRefusedWithoutStoringAnything() {
        String subject = Feedback.uniqueSubject("nul");
        Feedback.submit(TestTokens.citizen(subject), Feedback.body("roads.potholes", "Яма\u0000 на дороге"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://otklik.org/problems/validation-failed"));
        given().auth().oauth2(TestTokens.citizen(subject)).when().get("/api/v1/me/incidents")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void mobileCitizensMaySubmit() {
        String token = mobileCitizen();
        String number = Feedback.submitAs(token, Feedback.body("landscaping.lighting", "Не горят фонари во дворе"));
        given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/incidents/" + number + "/status")
                .then().statusCode(200).body("organization.code", equalTo("dep.city_economy"));
    }

    @Test
    void districtAdministrationRouteNeedsADistrict() {
        Map<String, Object> withDistrict = Feedback.body("landscaping.yards", "Сломаны качели во дворе");
        withDistrict.put("districtCode", "kirovsky");
        Feedback.submit(citizen(), withDistrict).statusCode(201).body("organization.code", equalTo("adm.kirovsky"));
        Feedback.submit(citizen(), Feedback.body("landscaping.yards", "Сломаны качели во дворе"))
                .statusCode(201).body("organization.code", equalTo("mcu")).body("district", nullValue());
    }

    @Test
    void childWithoutOwnRuleInheritsItsParents() {
        Map<String, Object> body = Feedback.body("landscaping.snow", "Не чистят снег");
        body.put("districtCode", "samarsky");
        Feedback.submit(citizen(), body).statusCode(201).body("organization.code", equalTo("adm.samarsky"));
    }

    @Test
    void childRuleBeatsParentRule() {
        Map<String, Object> sidewalks = Feedback.body("roads.sidewalks", "Разбит тротуар");
        sidewalks.put("districtCode", "sovetsky");
        Feedback.submit(citizen(), sidewalks).statusCode(201).body("organization.code", equalTo("adm.sovetsky"));
        Feedback.submit(citizen(), Feedback.body("roads.traffic_lights", "Не работает светофор"))
                .statusCode(201).body("organization.code", equalTo("dep.roads"));
    }

    @Test
    void externalOrganisationIsFlaggedForRedirectConfirmation() {
        Feedback.submit(citizen(), Feedback.body("covid", "Где сделать прививку?"))
                .statusCode(201).body("organization.code", equalTo("ext.health_ministry"));
    }

    @Test
    void gosuslugiSubmitsOnBehalfOfACitizenAndSkipsModeration() {
        Map<String, Object> body = Feedback.body("housing.heating", "Нет отопления третий день");
        body.put("districtCode", "leninsky");
        body.put("externalId", "POS-" + java.util.UUID.randomUUID());
        body.put("citizenId", "1000123456");
        String token = TestTokens.integration("gosuslugi-pos");
        String number = Feedback.submit(token, body).statusCode(201)
                .body("status", equalTo("ASSIGNED"))
                .body("organization.code", equalTo("rso.heat"))
                .header("Location", matchesPattern("/api/v1/incidents/\\d{4}-\\d{6}/status"))
                .extract().path("number");
        Feedback.submit(token, body).statusCode(200).body("number", equalTo(number));
    }

    @Test
    void gosuslugiNeedsMessageAndCitizenIds() {
        Feedback.submit(TestTokens.integration("gosuslugi-pos"), Feedback.body("housing.heating", "Нет отопления"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", hasItem("/externalId"))
                .body("errors.pointer", hasItem("/citizenId"));
    }

    @Test
    void citizensMayNotSetExternalIds() {
        Map<String, Object> body = Feedback.pothole();
        body.put("externalId", "X-1");
        body.put("citizenId", "42");
        Feedback.submit(citizen(), body).statusCode(400)
                .body("errors.pointer", hasItem("/externalId"))
                .body("errors.pointer", hasItem("/citizenId"));
    }

    @Test
    void theBodyCannotChooseTheChannel() {
        Map<String, Object> body = Feedback.pothole();
        body.put("channel", "GOSUSLUGI");
        Feedback.submit(citizen(), body).statusCode(400).body("errors.pointer", hasItem("/channel"));
    }

    @Test
    void socialMonitoringMustUseTheIngestEndpoint() {
        Feedback.submit(TestTokens.integration("social-monitoring"), Feedback.pothole()).statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void clientThatIsNoChannelIsRefused() {
        String token = TestTokens.sign(TestTokens.claims("citizen-x", "citizen").claim("azp", "unknown-app"));
        Feedback.submit(token, Feedback.pothole()).statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "operator", "executor", "analyst", "admin" })
    void staffMayNotSubmit(String role) {
        Feedback.submit(TestTokens.forRole(role), Feedback.pothole()).statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anonymousMayNotSubmit() {
        given().contentType("application/json").body(Feedback.pothole()).when().post("/api/v1/feedback")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void everyValidationFailureIsReportedAndNothingIsStored() {
        String subject = Feedback.uniqueSubject("invalid");
        String token = TestTokens.citizen(subject);
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("categoryCode", "roads");
        body.put("text", "x".repeat(5001));
        body.put("districtCode", "atlantis");
        body.put("address", "a".repeat(301));
        body.put("location", Map.of("lat", 55.75, "lon", 37.61));
        body.put("attachments", List.of("http://insecure.example.org/a.jpg", "https://ok.example.org/b.jpg",
                "https://c.example.org/c", "https://d.example.org/d", "https://e.example.org/e", "https://f.example.org/f"));
        body.put("contact", Map.of("phone", "call me", "email", "not-an-email"));
        Feedback.submit(token, body).statusCode(400)
                .body("type", equalTo("https://otklik.org/problems/validation-failed"))
                .body("errors.pointer", hasItem("/text"))
                .body("errors.pointer", hasItem("/address"))
                .body("errors.pointer", hasItem("/attachments"))
                .body("errors.pointer", hasItem("/attachments/0"))
                .body("errors.pointer", hasItem("/contact/phone"))
                .body("errors.pointer", hasItem("/contact/email"));
        body.put("text", "Нормальный текст");
        body.put("address", "ул. Ленина, 1");
        body.put("attachments", List.of("https://ok.example.org/b.jpg"));
        body.remove("contact");
        Feedback.submit(token, body).statusCode(400)
                .body("errors.pointer", hasItem("/categoryCode"))
                .body("errors.pointer", hasItem("/districtCode"))
                .body("errors.pointer", hasItem("/location"));
        Feedback.submit(token, Feedback.body("nonsense", "Текст")).statusCode(400)
                .body("errors[0].pointer", equalTo("/categoryCode"))
                .body("errors[0].message", equalTo("unknown category"));
        Feedback.submit(token, Map.of("categoryCode", "roads.potholes", "text", "   ")).statusCode(400)
                .body("errors.pointer", hasItem("/text"));
        Feedback.submit(token, Map.of("categoryCode", "roads.potholes", "text", "Яма", "contact", Map.of()))
                .statusCode(400).body("errors.pointer", hasItem("/contact"));
        Feedback.submit(token, Map.of("categoryCode", "roads.potholes", "text", "Яма", "location", Map.of("lat", "53.2", "lon", 50.1)))
                .statusCode(400).body("errors.pointer", hasItem("/location/lat"));
        Feedback.submit(token, Map.of("text", "Яма")).statusCode(400).body("errors.pointer", hasItem("/categoryCode"));

        given().auth().oauth2(token).when().get("/api/v1/me/incidents")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void textAtTheLimitIsAccepted() {
        Feedback.submit(citizen(), Feedback.body("other", "я".repeat(5000))).statusCode(201)
                .body("organization.code", equalTo("mcu"));
    }

    @Test
    void contactDataIsKeptForTheAuthorButNeverInTheReceipt() {
        String token = citizen();
        String number = Feedback.submit(token, Feedback.pothole()).statusCode(201)
                .body("contact", nullValue()).extract().path("number");
        given().auth().oauth2(token).when().get("/api/v1/me/incidents/" + number)
                .then().statusCode(200)
                .body("contact.phone", equalTo("+7 900 123-45-67"))
                .body("location.lat", notNullValue());
    }
}
