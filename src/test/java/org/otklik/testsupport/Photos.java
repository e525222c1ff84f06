package org.otklik.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;

/** Uploads photos and reads them back. */
public final class Photos {

    private Photos() {
    }

    public static ValidatableResponse upload(String token, byte[] content, String fileName, String declaredType) {
        return given().auth().oauth2(token).multiPart("file", fileName, content, declaredType)
                .when().post("/api/v1/media").then();
    }

    /** Uploads a small phone JPEG (with GPS EXIF) and returns its media id. */
    public static String uploadPhone(String token) {
        return upload(token, TestImages.phoneJpeg(160, 120, 1), "IMG_0001.jpg", "image/jpeg").statusCode(201)
                .extract().path("id");
    }

    public static byte[] read(String token, String path) {
        var request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.when().get(path).then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
    }
}
