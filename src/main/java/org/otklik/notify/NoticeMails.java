package org.otklik.notify;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.otklik.notice.NoticeFollowers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Tells the residents who follow a notice's districts and topics that it was published, edited or ended, in the
 * transaction of that change: the notice as it is now is kept once ({@code mail_notice_event}); every follower
 * who wants notices at once gets one mail row (however many of their subscriptions match), every follower of the
 * daily digest an entry for their next digest (a later event of the same notice replaces the earlier one).
 * Addresses refused for their resident get no row.
 */
@ApplicationScoped
public class NoticeMails implements NoticeFollowers {

    private final ObjectMapper json;

    public NoticeMails(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<Void> changed(NoticeChange change) {
        UUID eventId = UUID.randomUUID();
        String content;
        try {
            content = json.writeValueAsString(change.notice());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise a notice", e));
        }
        String matches = matching(change.districtCodes());
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into mail_notice_event"
                        + " (event_id, notice_id, event_type, content, occurred_at) values (:event, :notice, :type, :content, :at)")
                .setParameter("event", eventId)
                .setParameter("notice", change.noticeId())
                .setParameter("type", change.type())
                .setParameter("content", content)
                .setParameter("at", MailOutboxRepository.utc(change.occurredAt()))
                .executeUpdate()
                .chain(() -> bind(session.createNativeQuery("""
                        insert into outbox_delivery (id, event_id, event_type, notice_id, destination, payload, state, attempts,
                            next_attempt_at, created_at, recipient, mail_list)
                        select gen_random_uuid(), :event, :type, :notice, 'MAIL',
                            cast(json_build_object('kind', 'NOTICE', 'language', r.language, 'subject', r.subject,
                                'list', 'n:' || r.id, 'noticeEvents', json_build_array(cast(:eventText as text))) as text),
                            'PENDING', 0, :at, :at, r.email, 'n:' || r.id
                        from notice_subscriber r
                        where exists (select 1 from notice_subscription s where s.subscriber_id = r.id
                                        and s.delivery = 'IMMEDIATE' and """ + matches + """
                        )
                          and not exists (select 1 from mail_refusal f where f.subject = r.subject and f.address = r.email)
                          and """ + CONFIRMED + """
                        on conflict do nothing"""), change, eventId).setParameter("eventText", eventId.toString())
                        .setParameter("type", change.type())
                        .executeUpdate())
                .chain(() -> bind(session.createNativeQuery("""
                        insert into notice_digest_entry (subscriber_id, notice_id, event_id, occurred_at)
                        select r.id, :notice, :event, :at
                        from notice_subscriber r
                        where r.next_digest_at is not null and """ + CONFIRMED + """
                          and exists (select 1 from notice_subscription s where s.subscriber_id = r.id
                                        and s.delivery = 'DAILY_DIGEST' and """ + matches + """
                        )
                        on conflict (subscriber_id, notice_id)
                            do update set event_id = excluded.event_id, occurred_at = excluded.occurred_at"""), change, eventId)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The subscriber {@code r}'s address is the token's, or one they confirmed (double opt-in). */
    private static final String CONFIRMED = "(r.email_source = 'TOKEN' or exists (select 1 from mail_confirmation c"
            + " where c.subject = r.subject and c.address = r.email and c.confirmed_at is not null))";

    /** A subscription {@code s} matches: its district is one of the notice's (or the notice covers the whole city), its topic one the notice concerns (or none). */
    private static String matching(List<String> districtCodes) {
        // leading space: the text block before it ends in "and", its trailing blank stripped
        return (districtCodes.isEmpty() ? " " : " s.district_code in (:districts) and ")
                + "(s.category_code is null or s.category_code in (:topics))";
    }

    private static <T> Mutiny.Query<T> bind(Mutiny.Query<T> query, NoticeChange change, UUID eventId) {
        query.setParameter("event", eventId)
                .setParameter("notice", change.noticeId())
                .setParameter("at", MailOutboxRepository.utc(change.occurredAt()))
                .setParameter("topics", change.topics());
        if (!change.districtCodes().isEmpty()) {
            query.setParameter("districts", change.districtCodes());
        }
        return query;
    }
}
