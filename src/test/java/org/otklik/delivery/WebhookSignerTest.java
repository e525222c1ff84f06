package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    // The published test vector of the Standard Webhooks reference libraries:
    // github.com/standard-webhooks/standard-webhooks, libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java
    // (verifyWebhookSignWorks, commit 14ae328070656be4fc19c75998cabda8eddbbe29); the same values are in the
    // other languages' tests of that repository.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signReproducesThePublishedTestVector() {
        assertThat(WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void verifyAcceptsThePublishedTestVector() {
        assertThat(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE)).isTrue();
    }

    @Test
    void verifyFindsTheValidSignatureAmongOthersAndOtherVersions() {
        // the shape of the reference libraries' "multiple signatures" test
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                + SPEC_SIGNATURE + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

        assertThat(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header)).isTrue();
    }

    @Test
    void theSignatureUnderAnotherVersionIsNotAccepted() {
        String v2 = "v2," + SPEC_SIGNATURE.substring("v1,".length());

        assertThat(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, v2)).isFalse();
    }

    @Test
    void tamperedBodyTimestampOrIdFailVerification() {
        assertThat(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, "{\"test\": 2432232315}", SPEC_SIGNATURE))
                .isFalse();
        assertThat(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
        assertThat(WebhookSigner.verify(SPEC_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJeK", SPEC_TIMESTAMP, SPEC_BODY,
                SPEC_SIGNATURE)).isFalse();
    }

    @Test
    void anotherSecretFailsVerification() {
        assertThat(WebhookSigner.verify(WebhookSigner.newSecret(), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE))
                .isFalse();
    }

    @Test
    void malformedHeadersDoNotVerify() {
        for (String header : new String[] {null, "", " ", "invalid_signature", "v1,invalid_signature", "v1,", "v1"}) {
            assertThat(WebhookSigner.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header))
                    .as("header %s", header).isFalse();
        }
    }

    @Test
    void duringRotationTheHeaderCarriesOneSignaturePerSecretAndEachVerifies() {
        String oldSecret = WebhookSigner.newSecret();
        String newSecret = WebhookSigner.newSecret();

        String header = WebhookSigner.signatureHeader(List.of(oldSecret, newSecret), "msg_1", 1_700_000_000L, "{}");

        assertThat(header.split(" ")).hasSize(2).allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
        assertThat(header).doesNotContain("  ").doesNotStartWith(" ").doesNotEndWith(" ");
        assertThat(WebhookSigner.verify(oldSecret, "msg_1", 1_700_000_000L, "{}", header)).isTrue();
        assertThat(WebhookSigner.verify(newSecret, "msg_1", 1_700_000_000L, "{}", header)).isTrue();
        assertThat(WebhookSigner.verify(WebhookSigner.newSecret(), "msg_1", 1_700_000_000L, "{}", header)).isFalse();
    }

    @Test
    void aSingleSecretGivesASingleSignature() {
        assertThat(WebhookSigner.signatureHeader(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void signingNeedsAtLeastOneSecret() {
        assertThatThrownBy(() -> WebhookSigner.signatureHeader(List.of(), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSecretsAreThirtyTwoRandomBytesBehindThePrefix() {
        String secret = WebhookSigner.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void aSecretInTheWrongFormatIsRefused() {
        for (String secret : new String[] {null, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_not base64!",
                "wh_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}) {
            assertThatThrownBy(() -> WebhookSigner.sign(secret, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                    .as("secret %s", secret).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> WebhookSigner.verify(secret, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE))
                    .as("secret %s", secret).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theBodyIsSignedAsUtf8() {
        String secret = WebhookSigner.newSecret();
        String body = "{\"text\":\"Ответ: яма засыпана ✓\"}";

        String signature = WebhookSigner.sign(secret, "msg_1", 1, body);

        assertThat(WebhookSigner.verify(secret, "msg_1", 1, body, signature)).isTrue();
        assertThat(WebhookSigner.verify(secret, "msg_1", 1, body.replace('я', 'а'), signature)).isFalse();
    }
}
