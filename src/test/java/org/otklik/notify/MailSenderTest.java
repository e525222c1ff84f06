package org.otklik.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.vertx.ext.mail.SMTPException;

/** What the SMTP server's answers mean for a mail, and how a mail is recognised. */
class MailSenderTest {

    private static SMTPException reply(int code, String text) {
        return new SMTPException("", code, List.of(code + " " + text), true);
    }

    @Test
    void answersAreClassified() {
        assertThat(MailSender.classify(reply(451, "4.3.0 try again later")).outcome()).isEqualTo(MailSender.Outcome.TEMPORARY);
        assertThat(MailSender.classify(reply(421, "4.7.0 too many connections")).outcome()).isEqualTo(MailSender.Outcome.TEMPORARY);
        assertThat(MailSender.classify(reply(452, "4.2.2 mailbox full")).outcome()).isEqualTo(MailSender.Outcome.TEMPORARY);
        assertThat(MailSender.classify(reply(550, "5.1.1 user unknown")).outcome()).isEqualTo(MailSender.Outcome.ADDRESS_REFUSED);
        assertThat(MailSender.classify(reply(553, "5.1.3 bad address syntax")).outcome()).isEqualTo(MailSender.Outcome.ADDRESS_REFUSED);
        assertThat(MailSender.classify(reply(552, "5.2.2 mailbox over quota")).outcome()).isEqualTo(MailSender.Outcome.ADDRESS_REFUSED);
        assertThat(MailSender.classify(reply(554, "5.7.1 message rejected as spam")).outcome()).isEqualTo(MailSender.Outcome.REJECTED);
        assertThat(MailSender.classify(reply(535, "5.7.8 authentication failed")).outcome()).isEqualTo(MailSender.Outcome.REJECTED);
        assertThat(MailSender.classify(new TimeoutException("no answer")).outcome()).isEqualTo(MailSender.Outcome.TEMPORARY);
        assertThat(MailSender.classify(new java.net.ConnectException("refused")).outcome()).isEqualTo(MailSender.Outcome.TEMPORARY);
        assertThat(MailSender.classify(new IllegalArgumentException("bad")).outcome()).isEqualTo(MailSender.Outcome.REJECTED);
        assertThat(MailSender.classify(reply(550, "x")).replyCode()).isEqualTo(550);
    }

    @Test
    void errorsShowNoAddressInClear() {
        String error = MailSender.classify(reply(550, "5.1.1 <resident@example.org>: Recipient address rejected")).error();
        assertThat(error).doesNotContain("resident@example.org").contains("r***t@e***.org").contains("550");
        assertThat(MailSender.masked(null)).isNull();
    }

    @Test
    void theMessageIdIsTheSameForEveryTryOfAMailAndDiffersPerAddress() {
        UUID event = UUID.randomUUID();
        String first = MailSender.messageId(event, "a@example.org", "otklik.samara.ru");
        assertThat(first).matches("<" + event + "\\.[0-9a-f]{16}@otklik\\.samara\\.ru>");
        assertThat(MailSender.messageId(event, "a@example.org", "otklik.samara.ru")).isEqualTo(first);
        assertThat(MailSender.messageId(event, "b@example.org", "otklik.samara.ru")).isNotEqualTo(first);
        assertThat(MailSender.messageId(UUID.randomUUID(), "a@example.org", "otklik.samara.ru")).isNotEqualTo(first);
    }

    @Test
    void theDevModeLogLineShowsSubjectMaskedAddressAndLinksButNoText() {
        io.quarkus.mailer.Mail mail = new io.quarkus.mailer.Mail().addTo("resident@example.org").setSubject("Ответ по обращению 2612-000001")
                .setText("Яма у дома 5, кв. 12 заделана.\nСтатус: http://localhost:8080/widget/demo.html#status=2612-000001\n"
                        + "Отписаться: http://localhost:8080/api/v1/mail/unsubscribe?token=abc.def");
        String line = MailSender.logLine(mail);
        assertThat(line).contains("Ответ по обращению 2612-000001", "#status=2612-000001", "unsubscribe?token=abc.def")
                .doesNotContain("resident@example.org").doesNotContain("кв. 12").contains("r***t@e***.org");
    }
}
