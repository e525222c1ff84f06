package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.header;
import static org.otklik.notify.MailFixtures.mailRows;
import static org.otklik.notify.MailFixtures.parts;
import static org.otklik.notify.MailFixtures.relayAll;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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

/**
 * Workflow events become mails to the author through the outbox. Intake does not yet record the resident's choice
 * (that is the widget and intake change), so each test sets the incident's notify columns as intake will.
 */
@QuarkusTest
class IncidentMailTest {

    private static final String OPERATOR = TestTokens.operator();
    private static final ZoneId SAMARA = ZoneId.of("Europe/Samara");

    @Inject
    MailRelay relay;

    @Inject
    Pool pool;

    /** A widget message whose author asked for mails to {@code email} in {@code language}, as intake will record it. */
    private String messageMailedTo(String email, String language) {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("mailed")), Feedback.pothole());
        pool.preparedQuery("update incident set notify = true, notify_email = $2, language = $3 where number = $1")
                .execute(Tuple.of(number, email, language)).await().atMost(Duration.ofSeconds(5));
        return number;
    }

    @Test
    void theAuthorHearsOfInterimAnswerAndAnswerButNeverOfStaffNotesOrTransfers() throws Exception {
        String email = address("author");
        String number = messageMailedTo(email, "en");
        Staff.accept(number);
        Staff.act(OPERATOR, number, "assignment", Map.of("organizationCode", "adm.oktyabrsky",
                "reason", "Служебная причина передачи")).statusCode(200);
        Staff.act(OPERATOR, number, "notes", Map.of("text", "Служебная заметка: звонил жилец из кв. 5")).statusCode(200);
        Staff.act(OPERATOR, number, "interim-answer", Map.of("text", "Ремонт включён в план.",
                "plannedDate", LocalDate.now(SAMARA).plusDays(5).toString())).statusCode(200);
        Staff.act(OPERATOR, number, "answer", Map.of("text", "Яма заделана <асфальтом>.", "resolution", "FIXED",
                "attachments", List.of("https://files.example.org/after-1.jpg"))).statusCode(200);

        List<Row> rows = mailRows(pool, email);
        assertThat(rows).extracting(r -> r.getString("event_type"))
                .containsExactly("incident.interim_answer", "incident.answered");
        assertThat(rows).allSatisfy(r -> assertThat(r.getString("incident_number")).isEqualTo(number));
        assertThat(rows).allSatisfy(r -> assertThat(r.getString("payload"))
                .doesNotContain("Служебная").doesNotContain("кв. 5"));

        relayAll(relay);
        List<MimeMessage> mails = awaitMails(email, 2);
        assertThat(mails.get(0).getSubject()).isEqualTo("Interim answer to your message " + number);
        MimeMessage answer = mails.get(1);
        assertThat(answer.getSubject()).isEqualTo("Answer to your message " + number);
        Map<String, String> parts = parts(answer);
        assertThat(parts.get("text")).contains("Яма заделана <асфальтом>.", "Outcome: fixed",
                "https://files.example.org/after-1.jpg", "http://localhost:8080/widget/demo.html#rate=" + number,
                "http://localhost:8080/widget/demo.html#status=" + number);
        assertThat(parts.get("html")).contains("Яма заделана &lt;асфальтом&gt;.");
        for (MimeMessage mail : mails) {
            assertThat(parts(mail).values()).allSatisfy(part -> assertThat(part)
                    .doesNotContain("Служебная").doesNotContain("кв. 5").doesNotContain("+7 900"));
            assertThat(header(mail, "List-Unsubscribe")).startsWith("<http://localhost:8080/api/v1/mail/unsubscribe?token=");
        }
    }

    @Test
    void aMessagesMailsAboveTheDailyLimitWaitForTheNextCityDay() throws Exception {
        String email = address("busyday");
        String number = messageMailedTo(email, "ru");
        Staff.accept(number);
        LocalDate today = LocalDate.now(SAMARA);
        pool.preparedQuery("insert into mail_daily_count (address, day, sent) values ($1, $2, 20)")
                .execute(Tuple.of(email, today)).await().atMost(Duration.ofSeconds(5));
        Staff.answer(OPERATOR, number, "Сделано.");
        relayAll(relay);
        Row waiting = mailRows(pool, email).get(0);
        assertThat(waiting.getString("state")).isEqualTo("PENDING");
        assertThat(waiting.getInteger("attempts")).isZero();
        assertThat(waiting.getOffsetDateTime("next_attempt_at").toInstant())
                .isEqualTo(today.plusDays(1).atStartOfDay(SAMARA).toInstant());
    }

    @Test
    void noMailGoesToAnAuthorWhoDidNotAskForThem() throws Exception {
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("silent")), Feedback.pothole());
        Staff.accept(number);
        Staff.answer(OPERATOR, number, "Сделано.");
        List<Row> rows = pool.preparedQuery("select 1 from outbox_delivery where destination = 'MAIL' and incident_number = $1")
                .execute(Tuple.of(number)).await().atMost(Duration.ofSeconds(5)).stream().toList();
        assertThat(rows).as("notify is off by default").isEmpty();
    }
}
