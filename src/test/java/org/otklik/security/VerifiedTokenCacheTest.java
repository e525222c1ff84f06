package org.otklik.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** Verified bearer tokens served from memory: only while valid, never for a token that failed, bound to each request. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aVerifiedTokenIsServedFromMemoryOnItsNextCalls() {
        String token = TestTokens.citizen("cache-citizen-1");
        assertThat(cache.find(token)).isEmpty();

        me(token).then().statusCode(200).body("subject", equalTo("cache-citizen-1"));
        assertThat(cache.find(token)).isPresent();
        assertThat(cache.find(token).get().getAttributes()).containsEntry(VerifiedTokenCache.ROUTING_CONTEXT, null);

        long servedBefore = cache.served();
        me(token).then().statusCode(200).body("subject", equalTo("cache-citizen-1"))
                .body("roles", equalTo(List.of("citizen"))).body("channel", equalTo("WIDGET"));
        assertThat(cache.served()).isGreaterThan(servedBefore);
    }

    @Test
    void aTokenIsRefusedOnceItExpiresThoughItWasServedFromMemory() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(3);
        String token = TestTokens.sign(TestTokens.claims("cache-citizen-2", "citizen").expiresAt(expiry));
        me(token).then().statusCode(200);
        me(token).then().statusCode(200);
        assertThat(cache.find(token)).isPresent();

        Thread.sleep(Duration.between(Instant.now(), expiry).plusMillis(1100).toMillis());

        me(token).then().statusCode(401);
        assertThat(cache.find(token)).isEmpty();
    }

    @Test
    void aTokenThatFailsVerificationIsNeverKept() {
        String token = TestTokens.citizen("cache-citizen-3");
        me(token).then().statusCode(200);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + TestTokens.citizen("cache-admin").split("\\.")[1] + "." + parts[2];

        me(forged).then().statusCode(401);
        assertThat(cache.find(forged)).isEmpty();
        String otherIssuer = TestTokens.sign(TestTokens.claims("cache-citizen-4", "citizen").issuer("https://evil.example.com"));
        me(otherIssuer).then().statusCode(401);
        me(otherIssuer).then().statusCode(401);
        assertThat(cache.find(otherIssuer)).isEmpty();
    }

    @Test
    void parallelCallsWithOneTokenAllSeeTheirOwnCaller() throws Exception {
        String token = TestTokens.citizen("cache-citizen-5");
        List<Integer> statuses = Parallel.run(32, () -> me(token).then().extract().statusCode());
        assertThat(statuses).containsOnly(200);
        me(token).then().statusCode(200).body("subject", equalTo("cache-citizen-5"));
    }

    private static io.restassured.response.Response me(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/me");
    }
}
