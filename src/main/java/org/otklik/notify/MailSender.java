package org.otklik.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.otklik.delivery.MailRecipients;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends one rendered mail through Quarkus Mailer (SMTP, DKIM-signed when configured) and says what the server's
 * answer means for it. Every mail carries a Message-ID derived from its event and address, so that a mail sent
 * twice (a relay that died between the server's 250 and recording it) is recognisably the same mail, and
 * RFC 8058 one-click unsubscribe headers.
 */
@ApplicationScoped
public class MailSender {

    public enum Outcome {
        SENT,
        /** 4xx, a timeout or a broken connection: try again on the retry schedule. */
        TEMPORARY,
        /** A permanent 5xx about the mailbox: the address is not used again for the resident. */
        ADDRESS_REFUSED,
        /** Another permanent 5xx (the message, our account): dead, for an admin to look at. */
        REJECTED
    }

    /** @param error what went wrong, with any address in it masked (admins read it) */
    public record Result(Outcome outcome, Integer replyCode, String error) {
    }

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@\"'(),;:]+@[^\\s<>\"'(),;:]+");

    private final ReactiveMailer mailer;
    private final NotifyConfig config;

    public MailSender(ReactiveMailer mailer, NotifyConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /** The mail itself: addressed, with its headers. */
    public Mail mailOf(UUID eventId, String recipient, String language, MailTemplates.RenderedMail rendered, String unsubscribeLink) {
        Mail mail = new Mail().addTo(recipient).setSubject(rendered.subject()).setText(rendered.text()).setHtml(rendered.html());
        mail.addHeader("Message-ID", messageId(eventId, recipient, config.messageIdDomain()));
        mail.addHeader("List-Unsubscribe", "<" + unsubscribeLink + ">");
        mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        mail.addHeader("Auto-Submitted", "auto-generated");
        mail.addHeader("Content-Language", language);
        config.replyTo().filter(s -> !s.isBlank()).ifPresent(mail::setReplyTo);
        return mail;
    }

    public Uni<Result> send(Mail mail) {
        if (config.logMails()) {
            LOG.info(logLine(mail));
        }
        return mailer.send(mail)
                .ifNoItem().after(config.sendTimeout()).failWith(() -> new TimeoutException("no answer within " + config.sendTimeout()))
                .map(done -> new Result(Outcome.SENT, 250, null))
                .onFailure().recoverWithItem(failure -> classify(failure, config.sendTimeout()));
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    /** A mail as the dev-mode log shows it: subject, masked address and the links of its text, nothing else of the text. */
    static String logLine(Mail mail) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(mail.getText() == null ? "" : mail.getText());
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return "Mail \"" + mail.getSubject() + "\" to " + mail.getTo().stream().map(MailRecipients::mask).toList()
                + (links.isEmpty() ? "" : " with links " + String.join(" ", links));
    }

    /** What a failed send means. */
    static Result classify(Throwable failure) {
        return classify(failure, java.time.Duration.ZERO);
    }

    /** What a failed send means; {@code timeout} is the send timeout, named when that is what ran out. */
    static Result classify(Throwable failure, java.time.Duration timeout) {
        if (failure instanceof SMTPException smtp) {
            int code = smtp.getReplyCode();
            String error = masked("SMTP " + smtp.getReplyMessage());
            if (smtp.isTransient() || (code >= 400 && code < 500)) {
                return new Result(Outcome.TEMPORARY, code, error);
            }
            if (code == 550 || code == 551 || code == 553 || addressStatus(smtp)) {
                return new Result(Outcome.ADDRESS_REFUSED, code, error);
            }
            if (code >= 500) {
                return new Result(Outcome.REJECTED, code, error);
            }
            return new Result(Outcome.TEMPORARY, code, error);
        }
        if (failure instanceof IllegalArgumentException) {
            return new Result(Outcome.REJECTED, null, "the address cannot be used");
        }
        return new Result(Outcome.TEMPORARY, null, org.otklik.delivery.DeliveryFailure.of(failure, timeout).message());
    }

    /** An enhanced status 5.1.x (address) or 5.2.x (mailbox). */
    private static boolean addressStatus(SMTPException smtp) {
        SMTPException.EnhancedStatus status = smtp.getEnhancedStatus();
        return smtp.isPermanent() && status != null
                && (status == SMTPException.EnhancedStatus.OTHER_ADDRESS || status == SMTPException.EnhancedStatus.OTHER_MAILBOX);
    }

    static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ADDRESS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(MailRecipients.mask(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code <event-id.address-hash@domain>}: the same for every try of one mail, different for every address. */
    static String messageId(UUID eventId, String recipient, String domain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(recipient.getBytes(StandardCharsets.UTF_8));
            return "<" + eventId + "." + HexFormat.of().formatHex(hash, 0, 8) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
