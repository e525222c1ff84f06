package org.otklik.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ErrorHandlingTest {

    @TestHTTPResource("/test-probe")
    URL probe;

    private static final String VALID = """
            {"text":"hello","count":2,"flag":true,"primitive":1,"location":{"lat":53.2,"lon":50.1},"tags":["a"]}
            """;

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body)
                .when().post("/test-probe")
                .then();
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("org.otklik")))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void validBodyPasses() {
        post(VALID).statusCode(200).body("text", equalTo("hello"));
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(given().when().get("/api/v1/no-such-thing").then(), 404)
                .body("instance", equalTo("/api/v1/no-such-thing"));
        assertProblem(given().when().get("/no-such-root").then(), 404);
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(given().when().delete("/api/v1/districts").then(), 405);
    }

    @Test
    void unacceptableMediaTypeIs406Problem() {
        assertProblem(given().accept("application/xml").when().get("/api/v1/districts").then(), 406);
    }

    @Test
    void unsupportedContentTypeIs415Problem() {
        assertProblem(given().contentType("text/plain").body("text").when().post("/test-probe").then(), 415);
    }

    @Test
    void bodyOver64KiBIs413Problem() {
        String big = "{\"text\":\"" + "x".repeat(70 * 1024) + "\",\"count\":1,\"primitive\":1}";
        assertProblem(post(big), 413);
    }

    @Test
    void bodyOfUnknownLengthIsServed() throws Exception {
        // the JDK client sends a body from a stream chunked, without Content-Length (over 64 KiB: BodyOfUnknownLengthTest)
        byte[] body = "{\"text\":\"hello\",\"count\":1,\"primitive\":1}".getBytes();
        HttpRequest chunked = HttpRequest.newBuilder(probe.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"text\":\"hello\"");
    }

    @Test
    void malformedJsonIs400Problem() {
        assertProblem(post("{\"text\": \"a\", "), 400)
                .body("type", equalTo("https://otklik.org/problems/malformed-json"));
        assertProblem(post("{\"text\":\"a\"} trailing"), 400);
    }

    @Test
    void unknownFieldIs400WithPointer() {
        assertProblem(post("{\"text\":\"a\",\"count\":1,\"primitive\":1,\"channel\":\"GOSUSLUGI\"}"), 400)
                .body("errors.pointer", hasItem("/channel"));
    }

    @Test
    void stringIsNotANumber() {
        assertProblem(post("{\"text\":\"a\",\"count\":\"1\",\"primitive\":1}"), 400)
                .body("errors.pointer", hasItem("/count"));
    }

    @Test
    void numberIsNotAString() {
        assertProblem(post("{\"text\":5,\"count\":1,\"primitive\":1}"), 400)
                .body("errors.pointer", hasItem("/text"));
    }

    @Test
    void numberIsNotABoolean() {
        assertProblem(post("{\"text\":\"a\",\"count\":1,\"primitive\":1,\"flag\":1}"), 400)
                .body("errors.pointer", hasItem("/flag"));
        assertProblem(post("{\"text\":\"a\",\"count\":1,\"primitive\":1,\"flag\":\"true\"}"), 400)
                .body("errors.pointer", hasItem("/flag"));
    }

    @Test
    void nullIsNotZero() {
        assertProblem(post("{\"text\":\"a\",\"count\":1,\"primitive\":null}"), 400)
                .body("errors.pointer", hasItem("/primitive"));
    }

    @Test
    void fractionIsNotAnInteger() {
        assertProblem(post("{\"text\":\"a\",\"count\":1.5,\"primitive\":1}"), 400)
                .body("errors.pointer", hasItem("/count"));
    }

    @Test
    void nestedTypeErrorsPointIntoTheStructure() {
        assertProblem(post("{\"text\":\"a\",\"count\":1,\"primitive\":1,\"location\":{\"lat\":\"x\",\"lon\":1}}"), 400)
                .body("errors.pointer", hasItem("/location/lat"));
    }

    @Test
    void validationFailuresListEveryFieldPointer() {
        assertProblem(post("""
                {"text":"","count":0,"primitive":1,"location":{"lat":91,"lon":50},"tags":["a","",""]}
                """), 400)
                .body("type", equalTo("https://otklik.org/problems/validation-failed"))
                .body("errors.pointer", hasItem("/text"))
                .body("errors.pointer", hasItem("/count"))
                .body("errors.pointer", hasItem("/location/lat"))
                .body("errors.pointer", hasItem("/tags"))
                .body("errors.pointer", hasItem("/tags/1"));
    }

    @Test
    void missingBodyIsAValidationFailure() {
        assertProblem(given().contentType("application/json").when().post("/test-probe").then(), 400);
    }

    @Test
    void invalidQueryParameterNamesTheParameter() {
        assertProblem(given().queryParam("limit", 500).when().get("/test-probe/limit").then(), 400)
                .body("errors.parameter", hasItem("limit"));
        assertProblem(given().queryParam("limit", "many").when().get("/test-probe/limit").then(), 400)
                .body("type", equalTo("https://otklik.org/problems/bad-parameter"));
    }

    @Test
    void unexpectedErrorIs500WithCorrelationIdAndNoInternals() {
        assertProblem(given().when().get("/test-probe/boom").then(), 500)
                .body("correlationId", matchesPattern("[0-9a-f-]{36}"))
                .body(not(containsString("secret internals")))
                .body(not(containsString("+7 900")))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void callerCorrelationIdIsEchoedWhenSafe() {
        given().header("X-Request-Id", "abc-12345678").when().get("/test-probe/boom")
                .then().statusCode(500).body("correlationId", equalTo("abc-12345678"));
        given().header("X-Request-Id", "<script>").when().get("/test-probe/boom")
                .then().statusCode(500).body("correlationId", not(equalTo("<script>")));
    }
}
