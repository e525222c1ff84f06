package org.otklik.widget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

@QuarkusTest
class WidgetTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void theScriptIsServedGzippedWithinBudgetWithAnEtag() throws IOException {
        Response response = given().config(RAW).header("Accept-Encoding", "gzip, deflate, br")
                .when().get("/widget/otklik.js").then().statusCode(200)
                .header("Content-Type", "text/javascript; charset=utf-8")
                .header("Content-Encoding", "gzip")
                .header("Cache-Control", "public, max-age=300")
                .header("Vary", "Accept-Encoding")
                .header("X-Content-Type-Options", "nosniff")
                .extract().response();
        byte[] gzipped = response.asByteArray();
        assertThat(gzipped.length).isLessThanOrEqualTo(50 * 1024);
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(gzipped.length));
        assertThat(response.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        String script = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script).contains("otklik-feedback").contains("otklik-polls");

        byte[] plain = given().config(RAW).header("Accept-Encoding", "identity").when().get("/widget/otklik.js")
                .then().statusCode(200).header("Content-Encoding", nullValue())
                .header("ETag", response.header("ETag")).extract().asByteArray();
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(script);
        assertThat(plain.length).isGreaterThan(gzipped.length);
    }

    @Test
    void aBrowserWithTheCurrentVersionGetsNotModified() {
        String etag = given().when().get("/widget/otklik.js").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/widget/otklik.js").then().statusCode(304)
                .header("ETag", etag).header("Cache-Control", "public, max-age=300");
        given().header("If-None-Match", "W/" + etag + ", \"other\"").when().get("/widget/otklik.js").then().statusCode(304);
        given().header("If-None-Match", "\"an-older-version\"").when().get("/widget/otklik.js").then().statusCode(200);
    }

    @Test
    void headAnswersWithoutABody() {
        byte[] body = given().config(RAW).header("Accept-Encoding", "identity").when().head("/widget/otklik.js")
                .then().statusCode(200).header("ETag", containsString("\"")).extract().asByteArray();
        assertThat(body).isEmpty();
    }

    @Test
    void gzipIsSentOnlyWhenAccepted() {
        assertThat(WidgetRoutes.acceptsGzip("gzip")).isTrue();
        assertThat(WidgetRoutes.acceptsGzip("br;q=1.0, gzip;q=0.5")).isTrue();
        assertThat(WidgetRoutes.acceptsGzip("*")).isTrue();
        assertThat(WidgetRoutes.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(WidgetRoutes.acceptsGzip("br, identity")).isFalse();
        assertThat(WidgetRoutes.acceptsGzip(null)).isFalse();
    }

    @Test
    void theLoginCallbackPageLeaksNoReferrerAndCannotBeFramed() {
        given().when().get("/widget/callback.html").then().statusCode(200)
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .body(containsString("otklik-auth"))
                .body(containsString("var allowed = [\"http://localhost:3000\"];"));
    }

    @Test
    void theCallbackPageListsOnlyExactOrigins() {
        assertThat(WidgetRoutes.originsAsJson(java.util.List.of("https://samara.ru", " http://localhost:3000", "/https://.*\\.example\\.org/", "*")))
                .isEqualTo("[\"https://samara.ru\",\"http://localhost:3000\"]");
        assertThat(WidgetRoutes.originsAsJson(java.util.List.of())).isEqualTo("[]");
    }

    @Test
    void theDemoPageExistsOnlyInDevMode() {
        given().when().get("/widget/demo.html").then().statusCode(404);
        given().when().get("/widget/unknown.js").then().statusCode(404);
    }

    @Test
    void aPreflightFromAConfiguredOriginIsAllowedAndCached() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                .when().options("/api/v1/feedback").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "86400")
                .header("Access-Control-Allow-Credentials", anyOf(nullValue(), equalTo("false")));
    }

    @Test
    void aSimpleRequestFromAConfiguredOriginSeesTheExposedHeaders() {
        given().header("Origin", "http://localhost:3000").when().get("/api/v1/districts").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("Access-Control-Allow-Credentials", anyOf(nullValue(), equalTo("false")));
    }

    @Test
    void anUnlistedOriginIsRefused() {
        given().header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/api/v1/feedback").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.net").when().get("/api/v1/districts").then()
                .statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aPreflightAskingForAnUnlistedHeaderGetsNoPermissionForIt() {
        String allowed = given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-something-else")
                .when().options("/api/v1/districts").then().extract().header("Access-Control-Allow-Headers");
        assertThat(allowed == null ? "" : allowed.toLowerCase()).doesNotContain("x-something-else");
    }

    @Test
    void wildcardOriginsAreNotConfigured() {
        given().header("Origin", "http://localhost:3000").when().get("/widget/otklik.js").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
    }
}
