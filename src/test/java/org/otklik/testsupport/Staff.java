package org.otklik.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.response.ValidatableResponse;

/** Staff actions on incidents, each with If-Match naming the version an operator sees right now. */
public final class Staff {

    private Staff() {
    }

    public static ValidatableResponse act(String token, String number, String action, Object body) {
        var request = given().auth().oauth2(token).header("If-Match", currentTag(number));
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        return request.when().post("/api/v1/incidents/" + number + "/" + action).then();
    }

    public static ValidatableResponse act(String token, String number, String action) {
        return act(token, number, action, null);
    }

    /** The incident's ETag as an operator reads it; a tag that matches nothing when there is no such incident. */
    public static String currentTag(String number) {
        var response = given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/incidents/" + number);
        return response.statusCode() == 200 ? response.header("ETag") : "\"0\"";
    }

    public static ValidatableResponse detail(String token, String number) {
        return given().auth().oauth2(token).when().get("/api/v1/incidents/" + number).then();
    }

    public static void accept(String number) {
        act(TestTokens.operator(), number, "moderation", Map.of("decision", "ACCEPT")).statusCode(200);
    }

    public static void answer(String token, String number, String text) {
        act(token, number, "answer", Map.of("text", text, "resolution", "FIXED")).statusCode(200);
    }
}
