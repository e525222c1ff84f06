package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.otklik.notify.MailFixtures.OPERATOR;
import static org.otklik.notify.MailFixtures.SAMARA;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.confirmLink;
import static org.otklik.notify.MailFixtures.header;
import static org.otklik.notify.MailFixtures.mailRows;
import static org.otklik.notify.MailFixtures.parts;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.resident;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.MailServer;
import org.otklik.testsupport.Parallel;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A message through intake with {@code notify}: the author's six mails arrive in GreenMail — to the token's
 * verified address at once, to a typed address only after its confirmation link was followed — and none
 * without opt-in.
 */
@QuarkusTest
class IntakeMailTest {

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    MailRelay relay;

    @Inject
    Pool pool;

    private static Map<String, Object> mailedPothole(String typedEmail, String language) {
        Map<String, Object> body = Feedback.pothole();
        body.put("contact", typedEmail == null ? Map.of("phone", "+7 900 123-45-67") : Map.of("email", typedEmail));
        body.put("notify", true);
        body.put("language", language);
        return body;
    }

    private static io.restassured.response.ValidatableResponse rate(String token, String number, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/v1/me/incidents/" + number + "/rating").then();
    }

    @Test
    void aVerifiedResidentHearsOfEveryStepOfTheirMessageInTheirLanguage() throws Exception {
        String email = address("verified");
        String citizen = resident(email);
        String number = Feedback.submitAs(citizen, mailedPothole(null, "en"));
        Staff.accept(number);
        Staff.act(OPERATOR, number, "interim-answer", Map.of("text", "Repair planned.",
                "plannedDate", LocalDate.now(SAMARA).plusDays(5).toString())).statusCode(200);
        Staff.answer(OPERATOR, number, "Patched.");
        rate(citizen, number, Map.of("accepted", false, "comment", "Still there")).statusCode(200);
        Staff.answer(OPERATOR, number, "Patched again.");
        rate(citizen, number, Map.of("accepted", true)).statusCode(200);
        String rejected = Feedback.submitAs(citizen, mailedPothole(null, "en"));
        Staff.act(OPERATOR, rejected, "moderation", Map.of("decision", "REJECT", "reason", "SPAM")).statusCode(200);

        relayAll(relay);
        List<MimeMessage> mails = awaitMails(email, 8);
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Your message " + number + " is registered",
                "Interim answer to your message " + number,
                "Answer to your message " + number,
                "Your message " + number + " is being worked on again",
                "Answer to your message " + number,
                "Your message " + number + " is closed",
                "Your message " + rejected + " is registered",
                "Your message " + rejected + " was rejected");
        for (MimeMessage mail : mails) {
            assertThat(header(mail, "Content-Language")).isEqualTo("en");
            assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(parts(mail).get("text")).contains("http://localhost:8080/widget/demo.html#status=");
        }
        assertThat(mails).extracting(MimeMessage::getSubject).noneMatch(title -> title.startsWith("Confirm"));
    }

    @Test
    void noMailWithoutOptInEvenWithAVerifiedAddressAndATypedOne() throws Exception {
        String email = address("quiet");
        Map<String, Object> body = Feedback.pothole();
        body.put("contact", Map.of("email", email));
        String number = Feedback.submitAs(resident(email), body);
        Staff.accept(number);
        Staff.answer(OPERATOR, number, "Done.");
        relayAll(relay);
        assertThat(mailRows(pool, email)).isEmpty();
        assertThat(MailServer.receivedBy(email)).isEmpty();
    }

    @Test
    void aTypedAddressGetsOnlyAConfirmationUntilItsLinkIsFollowedThenTheHeldMailsInOrder() throws Exception {
        String email = address("typed");
        String subject = Feedback.uniqueSubject("typed");
        String citizen = TestTokens.citizen(subject);
        String number = Feedback.submitAs(citizen, mailedPothole(email, "ru"));
        Staff.accept(number);
        Staff.act(OPERATOR, number, "interim-answer", Map.of("text", "Ремонт в плане.",
                "plannedDate", LocalDate.now(SAMARA).plusDays(5).toString())).statusCode(200);
        relayAll(relay);

        MimeMessage confirmation = awaitMails(email, 1).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("Подтвердите адрес для писем об обращении " + number);
        assertThat(header(confirmation, "List-Unsubscribe")).startsWith("<http://localhost:8080/api/v1/mail/unsubscribe?token=");
        String link = confirmLink(confirmation);
        assertThat(mailRows(pool, email)).extracting(r -> r.getString("event_type")).containsExactly("mail.confirm");

        // opening the link changes nothing (link scanners open links)
        given().when().get(link).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\">")).body(org.hamcrest.Matchers.not(containsString(email)));
        relayAll(relay);
        assertThat(MailServer.receivedBy(email)).hasSize(1);

        // two clicks at once release the held mails once
        List<Integer> statuses = Parallel.run(2, () -> given().when().post(link).then().extract().statusCode());
        assertThat(statuses).containsOnly(200);
        Staff.answer(OPERATOR, number, "Сделано.");
        relayAll(relay);
        List<MimeMessage> mails = awaitMails(email, 4);
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly(
                "Подтвердите адрес для писем об обращении " + number,
                "Обращение " + number + " зарегистрировано",
                "Промежуточный ответ по обращению " + number,
                "Ответ по обращению " + number);

        // the same resident's next message to the confirmed address needs no confirmation
        String next = Feedback.submitAs(citizen, mailedPothole(email, "ru"));
        relayAll(relay);
        assertThat(awaitMails(email, 5).get(4).getSubject()).isEqualTo("Обращение " + next + " зарегистрировано");
    }

    @Test
    void anotherResidentTypingTheSameAddressMustConfirmItThemselves() throws Exception {
        String email = address("shared");
        String first = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("one")), mailedPothole(email, "en"));
        relayAll(relay);
        given().when().post(confirmLink(awaitMails(email, 1).get(0))).then().statusCode(200);
        String second = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("two")), mailedPothole(email, "en"));
        relayAll(relay);
        // the relay sends the released mail and the new confirmation in parallel: their order may vary
        assertThat(awaitMails(email, 3)).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "Confirm your address for the mails about message " + first,
                "Your message " + first + " is registered",
                "Confirm your address for the mails about message " + second);
    }

    @Test
    void confirmationLinksThatAreNotOursOrExpiredAreRefused() throws Exception {
        given().when().get("/api/v1/mail/confirmation?token=abcd.efghijklmnopqrstuvwxyz").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("token"));
        // an unsubscribe token never confirms
        given().when().post("/api/v1/mail/confirmation?token=" + tokens.sign("i:1")).then().statusCode(400)
                .contentType("application/problem+json");
        given().when().post("/api/v1/mail/confirmation?token=" + tokens.signConfirmation(UUID.randomUUID())).then()
                .statusCode(404).contentType("application/problem+json");

        String email = address("late");
        Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("late")), mailedPothole(email, "ru"));
        relayAll(relay);
        String link = confirmLink(awaitMails(email, 1).get(0));
        pool.preparedQuery("update mail_confirmation set requested_at = requested_at - interval '8 days' where address = $1")
                .execute(Tuple.of(email)).await().atMost(Duration.ofSeconds(5));
        given().when().post(link).then().statusCode(404).contentType("application/problem+json");
        relayAll(relay);
        assertThat(MailServer.receivedBy(email)).as("nothing released").hasSize(1);
    }

    @Test
    void intakeRefusesMailsItCannotSendAndWritesNothing() {
        String subject = Feedback.uniqueSubject("noaddress");
        Feedback.submit(TestTokens.citizen(subject), mailedPothole(null, "ru")).statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/contact/email"));
        Map<String, Object> german = mailedPothole(address("de"), "de");
        Feedback.submit(TestTokens.citizen(subject), german).statusCode(400).body("errors[0].pointer", equalTo("/language"));
        Map<String, Object> gosuslugi = new HashMap<>(mailedPothole(address("pos"), "ru"));
        gosuslugi.put("externalId", "POS-" + UUID.randomUUID());
        gosuslugi.put("citizenId", "1000123456");
        Feedback.submit(TestTokens.integration("gosuslugi-pos"), gosuslugi).statusCode(400)
                .body("errors[0].pointer", equalTo("/notify"));
        Map<String, Object> stringly = mailedPothole(address("str"), "ru");
        stringly.put("notify", "true");
        Feedback.submit(TestTokens.citizen(subject), stringly).statusCode(400);
        long written = pool.preparedQuery("select count(*) from incident where author_subject = $1").execute(Tuple.of(subject))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(written).isZero();
    }
}
