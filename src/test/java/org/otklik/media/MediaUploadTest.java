package org.otklik.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Photos;
import org.otklik.testsupport.TestImages;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/media and reading a photo back: formats, clean copies, refusals, who may call, concurrency. */
@QuarkusTest
class MediaUploadTest {

    private static final String PROBLEMS = "https://otklik.org/problems/";

    @Inject
    DecodeSlots decodes;

    @TestHTTPResource("/api/v1/media")
    URL upload;

    private static String citizen() {
        return TestTokens.citizen(Feedback.uniqueSubject("photographer"));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("type", equalTo(PROBLEMS + type));
    }

    @Test
    void aPhoneJpegIsStoredWithoutItsGpsExifAndReadBackByItsUploader() throws Exception {
        String token = citizen();
        byte[] phone = TestImages.phoneJpeg(400, 300, 6);
        var created = Photos.upload(token, phone, "IMG_2041.JPG", "image/jpeg").statusCode(201)
                .header("Location", startsWith("/api/v1/media/"))
                .body("sourceFormat", equalTo("JPEG")).body("contentType", equalTo("image/jpeg"))
                .body("width", equalTo(300)).body("height", equalTo(400))
                .body("sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .extract();
        String id = created.path("id");
        byte[] stored = Photos.read(token, "/api/v1/media/" + id);
        assertThat(stored).hasSize(created.<Integer>path("bytes"));
        assertThat(PhotoCleaner.sha256(stored)).isEqualTo(created.<String>path("sha256"));
        PhotoCleanerTest.assertOnlyPixels(stored);
        assertThat(TestImages.contains(stored, TestImages.CAMERA)).isFalse();
        assertThat(TestImages.contains(stored, TestImages.XMP_MARK)).isFalse();
        byte[] thumbnail = Photos.read(token, "/api/v1/media/" + id + "/thumbnail");
        PhotoCleanerTest.assertOnlyPixels(thumbnail);
        assertThat(thumbnail.length).isEqualTo(created.<Integer>path("thumbnailBytes"));
    }

    @Test
    void theAnswerCarriesAStrongETagAndPrivateCaching() {
        String token = citizen();
        String id = Photos.uploadPhone(token);
        String tag = given().auth().oauth2(token).when().get("/api/v1/media/" + id).then().statusCode(200)
                .header("Cache-Control", containsString("private")).header("X-Content-Type-Options", "nosniff")
                .extract().header("ETag");
        assertThat(tag).matches("\"[0-9a-f]{64}\"");
        given().auth().oauth2(token).header("If-None-Match", tag).when().get("/api/v1/media/" + id).then().statusCode(304);
    }

    @Test
    void pngAndWebpAreRecognisedByContentWhateverTheirNameOrDeclaredType() throws Exception {
        String token = citizen();
        Photos.upload(token, TestImages.png(64, 48), "photo.jpg", "image/jpeg").statusCode(201)
                .body("sourceFormat", equalTo("PNG")).body("contentType", equalTo("image/jpeg"));
        byte[] webp;
        try (InputStream fixture = getClass().getResourceAsStream("/media/gradient-320x240.webp")) {
            webp = fixture.readAllBytes();
        }
        Photos.upload(token, webp, "document.pdf", "application/pdf").statusCode(201)
                .body("sourceFormat", equalTo("WEBP")).body("width", equalTo(320));
    }

    @Test
    void aJpegWithAZipAppendedIsStoredWithoutTheZip() {
        String token = citizen();
        String id = Photos.upload(token, TestImages.jpegWithZip(80, 60), "cat.jpg", "image/jpeg").statusCode(201)
                .extract().path("id");
        byte[] stored = Photos.read(token, "/api/v1/media/" + id);
        assertThat(TestImages.contains(stored, "PK\u0003\u0004")).isFalse();
        assertThat(stored[stored.length - 1] & 0xFF).isEqualTo(0xD9);
    }

    @Test
    void refusalsNameTheirReasonAndKeepNothing() {
        String token = citizen();
        problem(Photos.upload(token, TestImages.heicHeader(), "IMG_0001.HEIC", "image/heic"), 415, "unsupported-image-format")
                .body("detail", containsString("HEIC"));
        problem(Photos.upload(token, "just text".getBytes(StandardCharsets.UTF_8), "photo.jpg", "image/jpeg"), 415,
                "unsupported-image-format");
        problem(Photos.upload(token, TestImages.pngClaiming(20_000, 20_000), "bomb.png", "image/png"), 413, "image-too-large")
                .body("detail", containsString("20000 × 20000"));
        byte[] truncated = java.util.Arrays.copyOf(TestImages.encode(TestImages.halves(64, 64), "jpg"), 40);
        problem(Photos.upload(token, truncated, "broken.jpg", "image/jpeg"), 400, "unreadable-image");
        byte[] tooBig = new byte[15 * 1024 * 1024 + 1];
        byte[] jpeg = TestImages.encode(TestImages.halves(16, 16), "jpg");
        System.arraycopy(jpeg, 0, tooBig, 0, jpeg.length);
        problem(Photos.upload(token, tooBig, "huge.jpg", "image/jpeg"), 413, "file-too-large");
        // none of them was kept: the caller cannot attach anything
        Feedback.submit(token, withMedia(List.of("c5136cd8-c787-41d8-a076-5ecfa09fb238"))).statusCode(400);
    }

    @Test
    void oneFileIsRequiredAndOnlyOne() {
        String token = citizen();
        problem(given().auth().oauth2(token).multiPart("note", "no file").when().post("/api/v1/media").then(), 400,
                "validation-failed").body("errors.pointer", hasItem("/file"));
        byte[] png = TestImages.png(8, 8);
        problem(given().auth().oauth2(token).multiPart("a", "a.png", png, "image/png").multiPart("b", "b.png", png, "image/png")
                .when().post("/api/v1/media").then(), 400, "validation-failed");
        given().auth().oauth2(token).contentType("application/json").body("{}").when().post("/api/v1/media").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aBodyDeclaredLargerThanTheUploadLimitIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket(upload.getHost(), upload.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + citizen()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (64L * 1024 * 1024)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] chunk = new byte[1024];
            while (!answer.toString().contains("payload-too-large")) {
                int read = in.read(chunk);
                if (read < 0) {
                    break;
                }
                answer.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("payload-too-large");
        }
    }

    @Test
    void onlyCitizensStaffAndIntegrationsUpload() {
        byte[] png = TestImages.png(8, 8);
        problem(Photos.upload(TestTokens.analyst(), png, "a.png", "image/png"), 403, "forbidden");
        problem(Photos.upload(TestTokens.admin(), png, "a.png", "image/png"), 403, "forbidden");
        given().multiPart("file", "a.png", png, "image/png").when().post("/api/v1/media").then().statusCode(401)
                .contentType("application/problem+json");
        Photos.upload(TestTokens.executor("adm.leninsky"), png, "after.png", "image/png").statusCode(201);
        Photos.upload(TestTokens.integration("social-monitoring"), png, "comment.png", "image/png").statusCode(201);
    }

    @Test
    void nobodyButTheUploaderSeesAnUnattachedPhoto() {
        String id = Photos.uploadPhone(citizen());
        for (String path : List.of("/api/v1/media/" + id, "/api/v1/media/" + id + "/thumbnail")) {
            problem(given().when().get(path).then(), 404, "not-found");
            problem(given().auth().oauth2(citizen()).when().get(path).then(), 404, "not-found");
            problem(given().auth().oauth2(TestTokens.executor("adm.leninsky")).when().get(path).then(), 404, "not-found");
        }
        problem(given().when().get("/api/v1/media/not-a-uuid").then(), 404, "not-found");
        problem(given().when().get("/api/v1/media/" + id + "?expires=9999999999&signature=forged").then(), 404, "not-found");
    }

    @Test
    void parallelUploadsAllSucceedWithAtMostTwoImagesDecodedAtOnce() throws Exception {
        decodes.resetPeak();
        byte[] photo = TestImages.encode(TestImages.halves(3000, 2000), "jpg");
        String token = citizen();
        List<Integer> statuses = Parallel.run(8, () -> Photos.upload(token, photo, "p.jpg", "image/jpeg").extract().statusCode());
        assertThat(statuses).containsOnly(201);
        assertThat(decodes.peak()).isBetween(1, 2);
    }

    static java.util.Map<String, Object> withMedia(List<String> ids) {
        var body = Feedback.pothole();
        body.put("mediaIds", ids);
        return body;
    }
}
