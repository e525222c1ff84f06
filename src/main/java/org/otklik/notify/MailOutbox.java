package org.otklik.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.delivery.OutboxRepository;
import org.otklik.delivery.OutboxRepository.MailRow;
import org.otklik.notice.NoticeFollowers.NoticeChange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The residents' mails in the outbox: this feature decides who gets a mail, and when ({@link MailOutboxRepository},
 * {@link SubscriptionRepository}); the rows are the delivery feature's ({@code outbox_delivery}, destination MAIL),
 * written by its {@link OutboxRepository} in the same pool transaction. The mail relay claims them there too.
 */
@ApplicationScoped
public class MailOutbox {

    /**
     * A mail to write; {@code incidentId} only for a mail about an incident.
     *
     * @param vouched the address needs no confirmation (the token verified it, or the mail is the confirmation);
     *        otherwise the mail is written only once the resident confirmed the address, and held until then
     */
    public record NewMail(UUID eventId, String eventType, Long incidentId, String incidentNumber, String payload,
            String recipient, String list, String subject, Instant at, boolean vouched) {
    }

    private final MailOutboxRepository mails;
    private final SubscriptionRepository subscriptions;
    private final OutboxRepository outbox;

    public MailOutbox(MailOutboxRepository mails, SubscriptionRepository subscriptions, OutboxRepository outbox) {
        this.mails = mails;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
    }

    /**
     * In a pool transaction (the intake's, the workflow's, a digest's or a confirmation's): the mail's row, unless
     * its list was unsubscribed or its address refused; held instead while its address waits for confirmation.
     */
    public Uni<Void> insert(SqlConnection transaction, NewMail mail) {
        return mails.admit(transaction, mail).chain(admitted -> admitted
                ? outbox.insertMails(transaction, List.of(new MailRow(mail.eventId(), mail.eventType(), mail.incidentId(),
                        mail.incidentNumber(), null, mail.payload(), mail.recipient(), mail.list(), mail.at(), mail.at())))
                : Uni.createFrom().voidItem());
    }

    /**
     * In the change's pool transaction: keeps the notice as it is now ({@code mail_notice_event}) and writes one mail
     * row for every confirmed, unrefused follower who wants the notice's mails at once.
     */
    public Uni<Void> insertNoticeMails(SqlConnection transaction, NoticeChange change, UUID eventId, String content) {
        return mails.insertNoticeEvent(transaction, change, eventId, content)
                .chain(() -> subscriptions.followingAtOnce(transaction, change, eventId))
                .chain(followers -> outbox.insertMails(transaction, followers.stream()
                        .map(follower -> new MailRow(eventId, change.type(), null, null, change.noticeId(), follower.payload(),
                                follower.email(), follower.list(), change.occurredAt(), change.occurredAt()))
                        .toList()));
    }

    /** Moves the mails a confirmed address held to the outbox, in their order, unless their list or address was refused since. */
    public Uni<Void> releaseHeld(SqlConnection transaction, UUID confirmationId, Instant now) {
        return mails.takeHeld(transaction, confirmationId)
                .chain(held -> outbox.insertMails(transaction, held.stream()
                        .map(mail -> new MailRow(mail.eventId(), mail.eventType(), mail.incidentId(), mail.incidentNumber(), null,
                                mail.payload(), mail.address(), mail.list(), mail.occurredAt(), now))
                        .toList()));
    }

    /** Cancels the pending mails of a list (after an unsubscribe), in the given transaction. */
    public Uni<Integer> cancelPendingOfList(SqlConnection transaction, String list) {
        return outbox.cancelPendingMailsOfList(transaction, list);
    }
}
