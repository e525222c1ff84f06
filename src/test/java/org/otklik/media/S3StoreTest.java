package org.otklik.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Photos;
import org.otklik.testsupport.S3ProxyServer;
import org.otklik.testsupport.TestImages;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3 API server (S3Proxy): objects, presigned links, deletion. */
@QuarkusTest
@TestProfile(S3StoreTest.ObjectStore.class)
class S3StoreTest {

    /** The S3 store, on a server started for this profile. */
    public static class ObjectStore implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyServer.class));
        }
    }

    @Inject
    MediaService media;

    @Inject
    MediaJobs jobs;

    @Inject
    Pool pool;

    @Test
    void photosLiveInTheBucketAndComeBackClean() {
        String token = TestTokens.citizen(Feedback.uniqueSubject("s3"));
        var created = Photos.upload(token, TestImages.phoneJpeg(320, 240, 1), "IMG_1.jpg", "image/jpeg").statusCode(201).extract();
        String id = created.path("id");
        byte[] stored = Photos.read(token, "/api/v1/media/" + id);
        assertThat(PhotoCleaner.sha256(stored)).isEqualTo(created.<String>path("sha256"));
        try (S3Client s3 = S3ProxyServer.client()) {
            byte[] object = s3.getObjectAsBytes(get -> get.bucket(S3ProxyServer.BUCKET).key("media/" + id + ".jpg")).asByteArray();
            assertThat(object).isEqualTo(stored);
            assertThat(TestImages.contains(object, TestImages.CAMERA)).isFalse();
            assertThat(s3.headObject(head -> head.bucket(S3ProxyServer.BUCKET).key("media/" + id + "-thumb.jpg")).contentLength())
                    .isEqualTo(created.<Integer>path("thumbnailBytes").longValue());
        }
    }

    @Test
    void afterPhotoLinksArePresignedByTheStore() throws Exception {
        String token = TestTokens.executor("dep.roads");
        String id = Photos.uploadPhone(token);
        String link = media.signedLinks(List.of(UUID.fromString(id))).get(0);
        assertThat(link).contains("/" + S3ProxyServer.BUCKET + "/media/" + id + ".jpg").contains("X-Amz-Signature=");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> signed = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).isEqualTo(Photos.read(token, "/api/v1/media/" + id));
        HttpResponse<byte[]> forged = http.send(HttpRequest.newBuilder(URI.create(link.replace("X-Amz-Signature=", "X-Amz-Signature=0")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void theCleanupDeletesTheObjects() throws Throwable {
        String token = TestTokens.citizen(Feedback.uniqueSubject("s3-stale"));
        String id = Photos.uploadPhone(token);
        VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(
                "update media set created_at = created_at - interval '2 days' where id = $1").execute(Tuple.of(UUID.fromString(id))));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> jobs.deleteUnattached())).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(token).when().get("/api/v1/media/" + id).then().statusCode(404);
        try (S3Client s3 = S3ProxyServer.client()) {
            for (String key : List.of("media/" + id + ".jpg", "media/" + id + "-thumb.jpg")) {
                assertThatThrownBy(() -> s3.headObject(head -> head.bucket(S3ProxyServer.BUCKET).key(key)))
                        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            }
        }
        Map<String, Object> body = Feedback.pothole();
        body.put("mediaIds", List.of(id));
        Feedback.submit(token, body).statusCode(400);
    }
}
