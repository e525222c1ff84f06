package org.otklik.open311;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.TestTokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class Open311KeysTest {

    private static final String PATH = "/api/v1/admin/open311-keys";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAdminIssuesAKeyThatIsStoredOnlyAsItsHash() throws Exception {
        Response issued = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body(Map.of("name", "Back office", "organizationCode", "dep.roads")).post(PATH);
        assertThat(issued.statusCode()).as(issued.asString()).isEqualTo(201);
        String key = issued.path("apiKey");
        String id = issued.path("id");
        assertThat(key).startsWith("o311_").hasSizeGreaterThan(40);
        assertThat(issued.<String>path("organizationCode")).isEqualTo("dep.roads");

        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select key_hash, name from open311_client where id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
                assertThat(row.getString("key_hash")).isEqualTo(expected).doesNotContain(key.substring(5));
            }
        }

        Response list = given().auth().oauth2(TestTokens.admin()).get(PATH);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.asString()).contains(id).doesNotContain(key).doesNotContain("apiKey");
        assertThat(list.jsonPath().getString("find { it.id == '" + id + "' }.revokedAt")).isNull();

        Response revoked = given().auth().oauth2(TestTokens.admin()).post(PATH + "/" + id + "/revocation");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.<String>path("revokedAt")).isNotNull();
        String firstRevocation = revoked.path("revokedAt");
        assertThat(given().auth().oauth2(TestTokens.admin()).post(PATH + "/" + id + "/revocation").<String>path("revokedAt"))
                .isEqualTo(firstRevocation);
    }

    @Test
    void invalidRegistrationsAreProblems() {
        for (Object body : List.of(Map.of("name", ""), Map.of("name", "x".repeat(201)), Map.of("name", "A", "organizationCode", "nowhere"),
                Map.of("name", "A", "apiKey", "chosen-by-me"))) {
            Response response = given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(body).post(PATH);
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Response unknown = given().auth().oauth2(TestTokens.admin()).post(PATH + "/" + UUID.randomUUID() + "/revocation");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Response malformed = given().auth().oauth2(TestTokens.admin()).post(PATH + "/not-a-uuid/revocation");
        assertThat(malformed.statusCode()).as("an id that is no UUID is a bad parameter, not an unknown key").isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.jsonPath().getString("type")).isEqualTo("https://otklik.org/problems/bad-parameter");
    }

    @Test
    void onlyAdminsManageKeys() {
        String body = "{\"name\":\"Someone\"}";
        assertThat(given().contentType("application/json").body(body).post(PATH).statusCode()).isEqualTo(401);
        assertThat(given().get(PATH).statusCode()).isEqualTo(401);
        assertThat(given().post(PATH + "/" + UUID.randomUUID() + "/revocation").statusCode()).isEqualTo(401);
        for (String role : List.of("citizen", "operator", "executor", "analyst", "integration")) {
            String token = TestTokens.forRole(role);
            Response issue = given().auth().oauth2(token).contentType("application/json").body(body).post(PATH);
            assertThat(issue.statusCode()).as(role).isEqualTo(403);
            assertThat(issue.contentType()).startsWith("application/problem+json");
            assertThat(given().auth().oauth2(token).get(PATH).statusCode()).as(role).isEqualTo(403);
            assertThat(given().auth().oauth2(token).post(PATH + "/" + UUID.randomUUID() + "/revocation").statusCode()).as(role)
                    .isEqualTo(403);
        }
        assertThat(given().auth().oauth2(TestTokens.admin()).get(PATH).statusCode()).isEqualTo(200);
    }
}
