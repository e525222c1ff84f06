package org.otklik.notify;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.incident.IncidentEventType;
import org.otklik.incident.IncidentUpdate;
import org.otklik.incident.ResidentMails;
import org.otklik.notify.MailPayload.IncidentFacts;
import org.otklik.security.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The mails about a resident's own message: registered, interim answer, answer, rejection, reopened, closed, for
 * messages from the widget and the mobile apps whose author asked for them. Each is an outbox row written in the
 * transaction of the change, unless the resident unsubscribed from the message's mails or the address was refused
 * for them.
 */
@ApplicationScoped
public class IncidentMails implements ResidentMails {

    private final MailOutbox mails;
    private final ConfirmationService confirmations;
    private final ObjectMapper json;
    private final RecipientRepository recipients;

    public IncidentMails(MailOutbox mails, ConfirmationService confirmations, ObjectMapper json,
            RecipientRepository recipients) {
        this.recipients = recipients;
        this.mails = mails;
        this.confirmations = confirmations;
        this.json = json;
    }

    /**
     * One row per supporter who follows the incident by mail (their token verified the address), each on a list of
     * its own so that one supporter's unsubscribe stops nobody else's mails.
     */
    @Override
    public Uni<Void> supportersOf(SqlConnection transaction, IncidentUpdate update) {
        Optional<MailKind> kind = MailKind.of(update.type());
        if (kind.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recipients.followersOf(update.incidentId()).chain(followers -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (RecipientRepository.Follower follower : followers) {
                String address = MailAddresses.normalize(follower.address());
                if (!MailAddresses.isValid(address)) {
                    continue;
                }
                String list = UnsubscribeTokens.supporterList(update.incidentId(), follower.subject());
                MailPayload payload = new MailPayload(kind.get(), MailComposer.language(update.language()), follower.subject(),
                        list, facts(kind.get(), update), null, null, null);
                MailOutbox.NewMail mail = new MailOutbox.NewMail(UUID.randomUUID(),
                        kind.get().eventType(), update.incidentId(), update.number(), write(payload), address, list,
                        follower.subject(), update.occurredAt(), true);
                chain = chain.chain(() -> mails.insert(transaction, mail));
            }
            return chain;
        });
    }

    /**
     * At intake, an address the token does not vouch for is asked to be confirmed first; the registered mail is held
     * until it is.
     */
    @Override
    public Uni<Void> changed(SqlConnection transaction, IncidentUpdate update) {
        return mailOf(update).map(mail -> confirmationFirst(transaction, update, mail).chain(() -> mails.insert(transaction, mail)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private Uni<Void> confirmationFirst(SqlConnection transaction, IncidentUpdate update, MailOutbox.NewMail mail) {
        if (mail.vouched() || update.type() != IncidentEventType.SUBMITTED || update.authorSubject() == null) {
            return Uni.createFrom().voidItem();
        }
        return confirmations.ask(transaction, new ConfirmationService.Request(update.authorSubject(), mail.recipient(),
                MailComposer.language(update.language()), mail.list(), update.incidentId(), facts(MailKind.REGISTERED, update)),
                update.occurredAt());
    }

    /** The mail row of a change, if the change is mailed. */
    Optional<MailOutbox.NewMail> mailOf(IncidentUpdate update) {
        Optional<MailKind> kind = MailKind.of(update.type());
        String address = MailAddresses.normalize(update.address());
        boolean residentChannel = update.channel() == Channel.WIDGET || update.channel() == Channel.MOBILE;
        if (kind.isEmpty() || !residentChannel || !MailAddresses.isValid(address)) {
            return Optional.empty();
        }
        String list = UnsubscribeTokens.incidentList(update.incidentId());
        MailPayload payload = new MailPayload(kind.get(), MailComposer.language(update.language()), update.authorSubject(), list,
                facts(kind.get(), update), null, null, null);
        return Optional.of(new MailOutbox.NewMail(UUID.randomUUID(), kind.get().eventType(), update.incidentId(),
                update.number(), write(payload), address, list, update.authorSubject(), update.occurredAt(),
                update.addressVouched() || update.authorSubject() == null));
    }

    private static IncidentFacts facts(MailKind kind, IncidentUpdate update) {
        String text = update.citizenText();
        if (kind == MailKind.REJECTED && text != null && update.rejectionReason() != null
                && text.startsWith(update.rejectionReason())) {
            // the timeline's rejection comment is "REASON: comment"; the mail names the reason in words
            text = text.substring(update.rejectionReason().length()).replaceFirst("^:\\s*", "");
            text = text.isBlank() ? null : text;
        }
        return new IncidentFacts(update.number(), update.status().name(), update.categoryCode(), update.organizationCode(),
                update.firstResponseDue(), update.resolutionDue(), text,
                update.resolution() == null ? null : update.resolution().name(), update.redirectedTo(),
                update.rejectionReason(), update.plannedDate(),
                kind == MailKind.ANSWERED ? List.copyOf(update.afterPhotoLinks()) : List.of());
    }

    private String write(MailPayload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a mail's facts", e);
        }
    }
}
