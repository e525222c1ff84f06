package org.otklik.open311;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.otklik.common.ratelimit.RateLimitHeaders;
import org.otklik.common.ratelimit.RateLimitTestProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** One API key calling from ever new addresses is charged as one caller, in the submissions group for writes. */
@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
class Open311QuotaTest {

    private static final String BASE = "/open311/v2/";

    private static String newAddress() {
        UUID random = UUID.randomUUID();
        return "198.18." + Math.floorMod(random.getMostSignificantBits(), 256) + "." + Math.floorMod(random.getLeastSignificantBits(), 256);
    }

    private static RequestSpecification pothole(String key) {
        return given().header("X-Forwarded-For", newAddress()).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("api_key", key).formParam("service_code", "roads.potholes")
                .formParam("lat", "53.2001").formParam("long", "50.1500").formParam("description", "Яма у остановки.");
    }

    @Test
    void writesOfOneKeyFromManyAddressesShareTheKeysSubmissionQuota() {
        String key = Open311Checks.issueKey("Quota " + UUID.randomUUID(), null);
        for (int i = 0; i < RateLimitTestProfile.CLIENT_SUBMISSIONS; i++) {
            pothole(key).post(BASE + "requests.json").then().statusCode(200);
        }
        Response refused = pothole(key).post(BASE + "requests.json");
        refused.then().statusCode(429).contentType(org.hamcrest.Matchers.startsWith("application/json"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header(RateLimitHeaders.POLICY, "\"submissions\";q=" + RateLimitTestProfile.CLIENT_SUBMISSIONS + ";w=3600")
                .body("[0].code", equalTo("429"));
        String other = Open311Checks.issueKey("Quota " + UUID.randomUUID(), null);
        pothole(other).post(BASE + "requests.json").then().statusCode(200);
    }

    @Test
    void readsWithAKeyAreChargedToTheKey() {
        String key = Open311Checks.issueKey("Quota " + UUID.randomUUID(), null);
        for (int i = 0; i < RateLimitTestProfile.CLIENT_LOOKUPS; i++) {
            given().header("X-Forwarded-For", newAddress()).queryParam("api_key", key).when().get(BASE + "servicerequestupdates.json")
                    .then().statusCode(200);
        }
        given().header("X-Forwarded-For", newAddress()).queryParam("api_key", key).when().get(BASE + "servicerequestupdates.json")
                .then().statusCode(429).header(RateLimitHeaders.POLICY,
                        "\"lookups\";q=" + RateLimitTestProfile.CLIENT_LOOKUPS + ";w=3600");
        given().header("X-Forwarded-For", newAddress()).when().get(BASE + "servicerequestupdates.json").then().statusCode(200);
    }
}
