package org.otklik.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityTest {

    @ParameterizedTest
    @ValueSource(strings = { "citizen", "operator", "executor", "analyst", "admin", "integration" })
    void everyRoleIsRecognised(String role) {
        given().auth().oauth2(TestTokens.forRole(role))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("roles", contains(role));
    }

    @Test
    void citizenSeesSubjectChannelAndDistrictButNotForeignRoles() {
        given().auth().oauth2(TestTokens.citizen("citizen-42"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("subject", equalTo("citizen-42"))
                .body("roles", equalTo(List.of("citizen")))
                .body("channel", equalTo("WIDGET"))
                .body("district", equalTo("leninsky"))
                .body("organization", nullValue());
    }

    @Test
    void executorCarriesOrganisation() {
        given().auth().oauth2(TestTokens.executor("adm.kirovsky"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("organization", equalTo("adm.kirovsky"))
                .body("channel", nullValue());
    }

    @Test
    void integrationClientsMapToTheirChannels() {
        given().auth().oauth2(TestTokens.integration("gosuslugi-pos"))
                .when().get("/api/v1/me")
                .then().statusCode(200).body("channel", equalTo("GOSUSLUGI"));
        given().auth().oauth2(TestTokens.integration("social-monitoring"))
                .when().get("/api/v1/me")
                .then().statusCode(200).body("channel", equalTo("SOCIAL"));
        String mobile = TestTokens.sign(TestTokens.claims("citizen-m", "citizen").claim("azp", "otklik-mobile"));
        given().auth().oauth2(mobile)
                .when().get("/api/v1/me")
                .then().statusCode(200).body("channel", equalTo("MOBILE"));
    }

    @Test
    void rolesAreReadFromTheGroupsClaimToo() {
        String token = TestTokens.sign(TestTokens.claims("op-2").groups("operator"));
        given().auth().oauth2(token)
                .when().get("/api/v1/organizations")
                .then().statusCode(200);
    }

    @Test
    void anonymousGets401ProblemWithChallenge() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://otklik.org/problems/unauthenticated"));
    }

    @Test
    void expiredTokenIsRefused() {
        String token = TestTokens.sign(TestTokens.claims("citizen-1", "citizen")
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))));
        assertRefused(token);
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        assertRefused(TestTokens.sign(TestTokens.claims("citizen-1", "citizen").issuer("https://evil.example.com")));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        assertRefused(TestTokens.sign(TestTokens.claims("citizen-1", "citizen").audience("some-other-api")));
    }

    @Test
    void unsignedTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE
                + "\",\"sub\":\"citizen-1\",\"exp\":" + exp + ",\"realm_access\":{\"roles\":[\"citizen\"]}}")
                .getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        String token = TestTokens.claims("citizen-1", "citizen").jws().keyId("1").sign(foreign.getPrivate());
        assertRefused(token);
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = TestTokens.citizen("citizen-1");
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("citizen-1", "citizen-2").getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void garbageTokenIsRefused() {
        assertRefused("not-a-jwt");
    }

    private static void assertRefused(String token) {
        given().auth().oauth2(token)
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("status", equalTo(401));
    }

    @Test
    void citizenMayNotListOrganisations() {
        given().auth().oauth2(TestTokens.citizen("citizen-1"))
                .when().get("/api/v1/organizations")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("type", equalTo("https://otklik.org/problems/forbidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "integration" })
    void integrationMayNotListOrganisations(String role) {
        given().auth().oauth2(TestTokens.forRole(role))
                .when().get("/api/v1/organizations")
                .then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "operator", "executor", "analyst", "admin" })
    void staffMayListOrganisations(String role) {
        given().auth().oauth2(TestTokens.forRole(role))
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("size()", equalTo(17))
                .body("find { it.code == 'adm.leninsky' }.districtCode", equalTo("leninsky"));
    }
}
