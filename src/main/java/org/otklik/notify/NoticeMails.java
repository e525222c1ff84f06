package org.otklik.notify;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.notice.NoticeFollowers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Tells the residents who follow a notice's districts and topics that it was published, edited or ended, in the
 * transaction of that change: the notice as it is now is kept once ({@code mail_notice_event}); every follower
 * who wants notices at once gets one mail row (however many of their subscriptions match), every follower of the
 * daily digest an entry for their next digest (a later event of the same notice replaces the earlier one).
 * Addresses refused for their resident get no row.
 */
@ApplicationScoped
public class NoticeMails implements NoticeFollowers {

    private final MailOutbox mails;
    private final SubscriptionRepository subscriptions;
    private final ObjectMapper json;

    public NoticeMails(MailOutbox mails, SubscriptionRepository subscriptions, ObjectMapper json) {
        this.mails = mails;
        this.subscriptions = subscriptions;
        this.json = json;
    }

    @Override
    public Uni<Void> changed(SqlConnection transaction, NoticeChange change) {
        UUID eventId = UUID.randomUUID();
        String content;
        try {
            content = json.writeValueAsString(change.notice());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise a notice", e));
        }
        return mails.insertNoticeMails(transaction, change, eventId, content)
                .chain(() -> subscriptions.gatherForDigests(transaction, change, eventId));
    }
}
