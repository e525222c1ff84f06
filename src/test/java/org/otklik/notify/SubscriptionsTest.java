package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.follow;
import static org.otklik.notify.MailFixtures.item;
import static org.otklik.notify.MailFixtures.resident;
import static org.otklik.notify.MailFixtures.subscriptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** GET/PUT/DELETE /api/v1/me/subscriptions and the staff's counts: rules, unhappy paths, who may call. */
@QuarkusTest
class SubscriptionsTest {

    private static final String PATH = "/api/v1/me/subscriptions";

    private static ValidatableResponse put(String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).when().put(PATH).then();
    }

    private static String citizenWithoutVerifiedEmail() {
        return TestTokens.sign(TestTokens.claims("plain-" + UUID.randomUUID(), "citizen").claim("azp", "otklik-widget")
                .claim("email", "unverified@example.org").claim("email_verified", false));
    }

    @Test
    void aResidentFollowsReplacesAndStopsFollowing() {
        String email = address("follow");
        String token = resident(email);
        given().auth().oauth2(token).when().get(PATH).then().statusCode(200)
                .body("email", nullValue()).body("items", hasSize(0));

        put(token, subscriptions("en", 6, List.of(item("leninsky", "housing", "IMMEDIATE"), item("sovetsky", null, "DAILY_DIGEST"))))
                .statusCode(200)
                .body("email", equalTo(email)).body("emailSource", equalTo("TOKEN")).body("language", equalTo("en"))
                .body("digestHour", equalTo(6)).body("addressRefused", equalTo(false)).body("items", hasSize(2));

        Map<String, Object> body = subscriptions("ru", null, List.of(item("kirovsky", "roads", "IMMEDIATE")));
        body.put("email", "  Other.Address@Example.ORG ");
        put(token, body).statusCode(200)
                .body("email", equalTo("other.address@example.org")).body("emailSource", equalTo("BODY"))
                .body("digestHour", nullValue()).body("nextDigestAt", nullValue())
                .body("items", hasSize(1)).body("items[0].districtCode", equalTo("kirovsky"));

        given().auth().oauth2(token).when().delete(PATH).then().statusCode(204);
        given().auth().oauth2(token).when().delete(PATH).then().statusCode(204);
        given().auth().oauth2(token).when().get(PATH).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void withoutAnAddressInTheBodyTheTokensMustBeVerified() {
        put(citizenWithoutVerifiedEmail(), subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE"))))
                .statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/email"));
        put(TestTokens.citizen("no-email-" + UUID.randomUUID()), subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE"))))
                .statusCode(400).body("errors.pointer", hasItem("/email"));
        Map<String, Object> body = subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE")));
        body.put("email", "resident@example.org");
        put(citizenWithoutVerifiedEmail(), body).statusCode(200).body("emailSource", equalTo("BODY"));
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        String token = resident(address("bad"));
        follow(token, subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE"))));
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] { subscriptions("ru", null, List.of(item("atlantis", null, "IMMEDIATE"))), "/items/0/districtCode" });
        cases.add(new Object[] { subscriptions("ru", null, List.of(item("leninsky", "no.such", "IMMEDIATE"))), "/items/0/categoryCode" });
        cases.add(new Object[] { subscriptions("ru", null, List.of(item("leninsky", "roads", "IMMEDIATE"),
                item("leninsky", "roads", "DAILY_DIGEST"))), "/items/1" });
        cases.add(new Object[] { subscriptions("ru", null, List.of(item("leninsky", null, "DAILY_DIGEST"))), "/digestHour" });
        cases.add(new Object[] { subscriptions("ru", 8, List.of(item("leninsky", null, "IMMEDIATE"))), "/digestHour" });
        cases.add(new Object[] { subscriptions("ru", 24, List.of(item("leninsky", null, "DAILY_DIGEST"))), "/digestHour" });
        cases.add(new Object[] { subscriptions("de", null, List.of(item("leninsky", null, "IMMEDIATE"))), "/language" });
        cases.add(new Object[] { subscriptions("ru", null, List.of()), "/items" });
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(item("leninsky", i % 2 == 0 ? null : "roads", "IMMEDIATE"));
        }
        cases.add(new Object[] { subscriptions("ru", null, many), "/items" });
        Map<String, Object> badEmail = subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE")));
        badEmail.put("email", "not-an-address");
        cases.add(new Object[] { badEmail, "/email" });
        Map<String, Object> badDelivery = subscriptions("ru", null, List.of(item("leninsky", null, "WEEKLY")));
        cases.add(new Object[] { badDelivery, null });
        Map<String, Object> unknownField = subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE")));
        unknownField.put("phone", "+7 900");
        cases.add(new Object[] { unknownField, null });
        Map<String, Object> stringHour = new HashMap<>(subscriptions("ru", null, List.of(item("leninsky", null, "DAILY_DIGEST"))));
        stringHour.put("digestHour", "8");
        cases.add(new Object[] { stringHour, null });
        for (Object[] bad : cases) {
            ValidatableResponse response = put(token, bad[0]).statusCode(400).contentType("application/problem+json");
            if (bad[1] != null) {
                response.body("errors.pointer", hasItem(bad[1]));
            }
        }
        given().auth().oauth2(token).contentType("application/json").body("{").when().put(PATH).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(token).when().get(PATH).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].categoryCode", nullValue());
    }

    @Test
    void onlyResidentsManageSubscriptionsAndOnlyStaffSeeCounts() {
        Map<String, Object> body = subscriptions("ru", null, List.of(item("leninsky", null, "IMMEDIATE")));
        given().when().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(body).when().put(PATH).then().statusCode(401);
        given().when().delete(PATH).then().statusCode(401);
        for (String role : List.of("operator", "executor", "analyst", "admin", "integration")) {
            given().auth().oauth2(TestTokens.forRole(role)).when().get(PATH).then().statusCode(403)
                    .contentType("application/problem+json");
            put(TestTokens.forRole(role), body).statusCode(403);
        }

        String counts = "/api/v1/admin/notice-subscriptions/counts";
        given().when().get(counts).then().statusCode(401);
        for (String role : List.of("citizen", "executor", "analyst", "integration")) {
            given().auth().oauth2(TestTokens.forRole(role)).when().get(counts).then().statusCode(403);
        }
        String email = address("counted");
        follow(resident(email), subscriptions("ru", 8, List.of(item("krasnoglinsky", "covid", "DAILY_DIGEST"),
                item("krasnoglinsky", null, "IMMEDIATE"))));
        for (String role : List.of("admin", "operator")) {
            String answer = given().auth().oauth2(TestTokens.forRole(role)).when().get(counts).then().statusCode(200)
                    .body("subscribers", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("byDistrict.find { it.districtCode == 'krasnoglinsky' }.dailyDigest", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("byTopic.find { it.categoryCode == 'covid' }.dailyDigest", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .extract().asString();
            assertThat(answer).doesNotContain("@");
        }
    }

    @Test
    void parallelReplacementsLeaveOneWholeSetNeverAMixture() throws Exception {
        String token = resident(address("race"));
        List<String> districts = List.of("leninsky", "sovetsky", "kirovsky", "samarsky", "oktyabrsky", "promyshlenny");
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = Parallel.run(districts.size(), () -> {
            String district = districts.get(next.getAndIncrement());
            return put(token, subscriptions("ru", null, List.of(item(district, null, "IMMEDIATE"), item(district, "roads", "IMMEDIATE"))))
                    .extract().statusCode();
        });
        assertThat(statuses).containsOnly(200);
        List<Map<String, Object>> items = given().auth().oauth2(token).when().get(PATH).then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(items).hasSize(2);
        assertThat(items).extracting(i -> i.get("districtCode")).as("both from one request").containsOnly(items.get(0).get("districtCode"));
    }
}
