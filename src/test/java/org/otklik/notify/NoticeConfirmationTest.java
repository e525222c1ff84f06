package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.confirmLink;
import static org.otklik.notify.MailFixtures.follow;
import static org.otklik.notify.MailFixtures.item;
import static org.otklik.notify.MailFixtures.mailRows;
import static org.otklik.notify.MailFixtures.notice;
import static org.otklik.notify.MailFixtures.publish;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.resident;
import static org.otklik.notify.MailFixtures.subscriptions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.MailServer;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Notice subscriptions to an address the token does not verify: a confirmation mail first, notices only after it. */
@QuarkusTest
class NoticeConfirmationTest {

    @Inject
    MailRelay relay;

    @Inject
    Pool pool;

    private static Map<String, Object> followSamara(String email) {
        Map<String, Object> body = new HashMap<>(subscriptions("en", null, List.of(item("samarsky", "housing.heating", "IMMEDIATE"))));
        body.put("email", email);
        return body;
    }

    private static void heatingNotice(String title) {
        publish(notice(title, "housing.heating", List.of("samarsky")));
    }

    @Test
    void anAddressTheTokenDoesNotVerifyGetsNoNoticeUntilConfirmed() throws Exception {
        String typed = address("typed-notices");
        String token = resident(address("token-notices"));
        follow(token, followSamara(typed));
        given().auth().oauth2(token).get("/api/v1/me/subscriptions").then().statusCode(200)
                .body("email", equalTo(typed)).body("emailSource", equalTo("BODY")).body("emailConfirmed", equalTo(false));
        heatingNotice("Отключение отопления 1");
        relayAll(relay);
        MimeMessage confirmation = awaitMails(typed, 1).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("Confirm your address for the city's notices");
        assertThat(mailRows(pool, typed)).extracting(r -> r.getString("event_type")).containsExactly("mail.confirm");

        // asking again within the hour sends no second confirmation
        follow(token, followSamara(typed));
        relayAll(relay);
        assertThat(MailServer.receivedBy(typed)).hasSize(1);

        given().when().post(confirmLink(confirmation)).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/me/subscriptions").then().body("emailConfirmed", equalTo(true));
        heatingNotice("Отключение отопления 2");
        relayAll(relay);
        assertThat(awaitMails(typed, 2).get(1).getSubject()).contains("EN Отключение отопления 2");
    }

    @Test
    void theTokensOwnAddressNeedsNoConfirmationWhetherGivenOrNot() throws Exception {
        String email = address("own");
        String token = resident(email);
        follow(token, followSamara(email.toUpperCase()));
        given().auth().oauth2(token).get("/api/v1/me/subscriptions").then()
                .body("emailSource", equalTo("BODY")).body("emailConfirmed", equalTo(true));
        heatingNotice("Отключение отопления 3");
        relayAll(relay);
        assertThat(awaitMails(email, 1)).extracting(MimeMessage::getSubject).noneMatch(title -> title.startsWith("Confirm"));
    }

    @Test
    void withoutAVerifiedTokenTheGivenAddressIsConfirmedFirst() throws Exception {
        String typed = address("unverified");
        String token = TestTokens.citizen(Feedback.uniqueSubject("unverified"));
        follow(token, followSamara(typed));
        relayAll(relay);
        assertThat(awaitMails(typed, 1).get(0).getSubject()).startsWith("Confirm");
        given().auth().oauth2(token).get("/api/v1/me/subscriptions").then().body("emailConfirmed", equalTo(false));
    }
}
