package org.otklik;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.PackagedAppResource;
import org.otklik.testsupport.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Runs against the packaged application in the {@code prod} profile: the JVM jar here, the native
 * binary with {@code -Dnative}. Checks what only the packaged artifact can show: the production
 * configuration (OIDC audience, no Swagger UI, no dev endpoints), the probe endpoints Kubernetes
 * calls, and that Jackson serialises the wire records (reflection registration in native mode).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppResource.class, restrictToAnnotatedClass = true)
class PackagedAppIT {

    @Test
    void kubernetesProbesAnswer() {
        for (String probe : new String[] { "/q/health/started", "/q/health/live", "/q/health/ready" }) {
            given().when().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
        given().when().get("/q/health/ready").then()
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("Database schema at the version this build needs"));
    }

    @Test
    void publicReferenceDataIsSerialised() {
        given().when().get("/api/v1/categories").then().statusCode(200)
                .contentType("application/json")
                .header("ETag", notNullValue())
                .body("code", hasItem("housing"))
                .body("find { it.code == 'housing' }.children.size()", greaterThan(0));
        given().when().get("/api/v1/districts").then().statusCode(200)
                .body("find { it.code == 'samarsky' }.nameRu", equalTo("Самарский"));
    }

    @Test
    void anonymousStaffCallIs401Problem() {
        given().when().get("/api/v1/organizations").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body(not(containsString("Exception")));
    }

    @Test
    void tokensForTheApiAudienceAreAccepted() {
        given().auth().oauth2(TestTokens.citizen("citizen-it"))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("subject", equalTo("citizen-it"))
                .body("channel", equalTo("WIDGET"));
        given().auth().oauth2(TestTokens.operator())
                .when().get("/api/v1/organizations")
                .then().statusCode(200)
                .body("code", hasItem("adm.leninsky"));
    }

    @Test
    void tokensForAnotherAudienceAreRefused() {
        String foreign = TestTokens.sign(TestTokens.claims("citizen-it", "citizen").audience("some-other-api"));
        given().auth().oauth2(foreign).when().get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void unknownPathIs404Problem() {
        given().when().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void openApiIsServedButNoDevTooling() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Otklik API"));
        given().when().get("/q/swagger-ui").then().statusCode(404);
        given().when().get("/q/dev-ui").then().statusCode(404);
        given().when().get("/dev/token/citizen").then().statusCode(404);
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/api/v1/districts").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    /**
     * The packaged service prepares the build's OpenAPI document on its first request, not at start
     * ({@code LazyOpenApiDocumentService}); what clients receive is still the committed contract, in every
     * form the extension serves, also to requests that arrive together while it is being prepared.
     */
    @Test
    void servedContractIsTheCommittedOneInBothForms() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode committed = yaml.readTree(Files.readString(Path.of("openapi", "otklik-api.yaml"), StandardCharsets.UTF_8));

        List<CompletableFuture<String>> together = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().queryParam("format", i % 2 == 0 ? "json" : "yaml")
                        .when().get("/q/openapi").then().statusCode(200).extract().asString()))
                .toList();
        for (CompletableFuture<String> answer : together) {
            assertThat(yaml.readTree(answer.get())).isEqualTo(committed);
        }

        String asYaml = given().when().get("/q/openapi").then().statusCode(200)
                .contentType(containsString("yaml")).extract().asString();
        String asJson = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .contentType(containsString("json")).extract().asString();
        assertThat(yaml.readTree(asYaml)).as("YAML form").isEqualTo(committed);
        assertThat(new ObjectMapper().readTree(asJson)).as("JSON form").isEqualTo(committed);
        assertThat(given().when().get("/q/openapi.json").then().statusCode(200).extract().asString()).isEqualTo(asJson);
        assertThat(given().when().get("/q/openapi.yaml").then().statusCode(200).extract().asString()).isEqualTo(asYaml);
        assertThat(Files.readString(Path.of("target", "quarkus.log"), StandardCharsets.UTF_8))
                .as("the packaged service prepared the document on a request, once, not at start")
                .containsOnlyOnce("prepared on its first request");
    }
}
