package org.otklik.media;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Photos;
import org.otklik.testsupport.TestImages;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Uploads have a quota of their own per caller: a person by subject, an integration by client. */
@QuarkusTest
@TestProfile(MediaUploadQuotaTest.SmallQuota.class)
class MediaUploadQuotaTest {

    static final int UPLOADS = 3;

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otklik.rate-limit.groups.uploads.requests", Integer.toString(UPLOADS),
                    "otklik.rate-limit.groups.uploads.integration-requests", Integer.toString(UPLOADS),
                    "otklik.rate-limit.groups.uploads.window", "PT1H");
        }
    }

    @Test
    void aCallerBeyondTheUploadQuotaGets429WhileOthersGoOn() {
        byte[] png = TestImages.png(8, 8);
        String busy = TestTokens.citizen(Feedback.uniqueSubject("busy-uploader"));
        for (int i = 0; i < UPLOADS; i++) {
            Photos.upload(busy, png, "a.png", "image/png").statusCode(201)
                    .header("RateLimit-Policy", equalTo("\"uploads\";q=" + UPLOADS + ";w=3600"));
        }
        Photos.upload(busy, png, "a.png", "image/png").statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).header("RateLimit", startsWith("\"uploads\";r=0"));
        Photos.upload(TestTokens.citizen(Feedback.uniqueSubject("other-uploader")), png, "a.png", "image/png").statusCode(201);
        // an integration client counts by its OIDC client, whichever service account calls
        for (int i = 0; i < UPLOADS; i++) {
            Photos.upload(TestTokens.integration("social-monitoring"), png, "c.png", "image/png").statusCode(201);
        }
        Photos.upload(TestTokens.sign(TestTokens.claims("another-account", "integration").claim("azp", "social-monitoring")),
                png, "c.png", "image/png").statusCode(429);
    }
}
