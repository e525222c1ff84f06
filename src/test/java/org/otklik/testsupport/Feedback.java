package org.otklik.testsupport;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.ValidatableResponse;

/** Builds feedback bodies and submits them. */
public final class Feedback {

    private Feedback() {
    }

    public static Map<String, Object> body(String categoryCode, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("categoryCode", categoryCode);
        body.put("text", text);
        return body;
    }

    public static Map<String, Object> pothole() {
        Map<String, Object> body = body("roads.potholes", "Огромная яма на Московском шоссе у дома 41");
        body.put("districtCode", "oktyabrsky");
        body.put("address", "Московское шоссе, 41");
        body.put("location", Map.of("lat", 53.2201, "lon", 50.1872));
        body.put("contact", Map.of("phone", "+7 900 123-45-67", "email", "resident@example.org"));
        return body;
    }

    public static ValidatableResponse submit(String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/v1/feedback").then();
    }

    /** Submits as a new citizen and returns the incident number. */
    public static String submitAs(String token, Object body) {
        return submit(token, body).statusCode(201).extract().path("number");
    }

    public static String uniqueSubject(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
