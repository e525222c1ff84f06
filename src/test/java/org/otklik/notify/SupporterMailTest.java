package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.header;
import static org.otklik.notify.MailFixtures.mailRows;
import static org.otklik.notify.MailFixtures.parts;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.resident;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Supporters whose token verifies an address follow the incident's answer by mail, through the outbox. */
@QuarkusTest
class SupporterMailTest {

    private static final String OPERATOR = TestTokens.operator();

    @Inject
    MailRelay relay;

    @Inject
    Pool pool;

    private static void support(String token, String number) {
        given().auth().oauth2(token).when().post("/api/v1/incidents/" + number + "/supporters").then().statusCode(200);
    }

    @Test
    void aSupporterWithAVerifiedAddressHearsOfTheAnswerWithoutItsTextUntilUnsubscribing() throws Exception {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("supported")), Feedback.pothole());
        String email = address("supporter");
        String other = address("other-supporter");
        support(resident(email), number);
        support(resident(other), number);
        support(TestTokens.citizen(Feedback.uniqueSubject("no-mail")), number);
        Staff.accept(number);
        Staff.act(OPERATOR, number, "notes", Map.of("text", "Служебная заметка")).statusCode(200);
        Staff.act(OPERATOR, number, "interim-answer", Map.of("text", "Уважаемая Анна, ремонт в плане.",
                "plannedDate", LocalDate.now(MailFixtures.SAMARA).plusDays(5).toString())).statusCode(200);

        List<Row> rows = mailRows(pool, email);
        assertThat(rows).extracting(r -> r.getString("event_type")).containsExactly("incident.interim_answer");
        assertThat(rows.get(0).getString("incident_number")).isEqualTo(number);
        assertThat(rows.get(0).getString("payload")).doesNotContain("Анна", "Служебная", "resident@example.org");
        assertThat(rows.get(0).getString("mail_list")).startsWith("s:")
                .isNotEqualTo(mailRows(pool, other).get(0).getString("mail_list"));
        assertThat(recipients(number)).containsExactlyInAnyOrder(email, other);

        relayAll(relay);
        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(parts(mail).values()).allSatisfy(part -> assertThat(part).doesNotContain("Анна"));
        String unsubscribe = header(mail, "List-Unsubscribe");
        assertThat(unsubscribe).startsWith("<http://localhost:8080/api/v1/mail/unsubscribe?token=");
        String token = unsubscribe.substring(unsubscribe.indexOf("token=") + 6, unsubscribe.indexOf('>'));
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .queryParam("token", token).when().post("/api/v1/mail/unsubscribe").then().statusCode(200);

        Staff.answer(OPERATOR, number, "Уважаемая Анна, яма заделана.");
        assertThat(mailRows(pool, email)).as("unsubscribed: no more rows").hasSize(1);
        assertThat(mailRows(pool, other)).extracting(r -> r.getString("event_type"))
                .containsExactly("incident.interim_answer", "incident.answered");
    }

    private List<String> recipients(String number) {
        return pool.preparedQuery("select recipient from outbox_delivery where destination = 'MAIL' and incident_number = $1")
                .execute(Tuple.of(number)).await().atMost(Duration.ofSeconds(5)).stream()
                .map(r -> r.getString("recipient")).toList();
    }
}
