package org.otklik.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RateLimitsOffTest.Off.class)
class RateLimitsOffTest {

    /** A limit of one lookup, switched off as a load benchmark would. */
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otklik.rate-limit.enabled", "false",
                    "otklik.rate-limit.groups.lookups.requests", "1");
        }
    }

    @Test
    void oneSettingTurnsEveryLimitOff() {
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", "203.0.113.9").when().get("/api/v1/incidents/0000-000001/status")
                    .then().statusCode(404)
                    .header(RateLimitHeaders.POLICY, nullValue())
                    .header(RateLimitHeaders.LIMIT, nullValue());
        }
    }
}
