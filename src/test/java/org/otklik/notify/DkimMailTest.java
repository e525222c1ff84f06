package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.follow;
import static org.otklik.notify.MailFixtures.header;
import static org.otklik.notify.MailFixtures.item;
import static org.otklik.notify.MailFixtures.notice;
import static org.otklik.notify.MailFixtures.publish;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.resident;
import static org.otklik.notify.MailFixtures.subscriptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With DKIM configured (a key made for the test), every mail is signed, List-Unsubscribe headers included. */
@QuarkusTest
@TestProfile(DkimMailTest.Signed.class)
class DkimMailTest {

    public static class Signed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                Path key = Files.createTempFile("otklik-dkim", ".key");
                key.toFile().deleteOnExit();
                Files.writeString(key, Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded()));
                return Map.of("quarkus.mailer.dkim.enabled", "true", "quarkus.mailer.dkim.private-key-path", key.toString(),
                        "quarkus.mailer.dkim.selector", "otklik2026", "quarkus.mailer.dkim.sdid", "localhost");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    MailRelay relay;

    @Test
    void mailsAreSignedOverTheirUnsubscribeHeaders() throws Exception {
        String email = address("dkim");
        follow(resident(email), subscriptions("ru", null, List.of(item("zheleznodorozhny", null, "IMMEDIATE"))));
        publish(notice("Подписанное письмо", "other", List.of("zheleznodorozhny")));
        relayAll(relay);
        String signature = header(awaitMails(email, 1).get(0), "DKIM-Signature").replaceAll("\\s+", "");
        assertThat(signature).contains("d=localhost", "s=otklik2026", "a=rsa-sha256", "bh=", "b=");
        String signed = signature.replaceAll(".*;h=([^;]*);.*", "$1").toLowerCase();
        assertThat(signed.split(":")).contains("from", "to", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post");
    }
}
