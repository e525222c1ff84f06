package org.otklik.delivery;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes the outbox rows of a change: one for the incident's own channel (the Gosuslugi gateway or
 * the social-monitoring system) and one per webhook subscriber of the event type. Must run in the
 * transaction of the change, so that neither commits without the other.
 */
@ApplicationScoped
public class DeliveryOutbox {

    public static final String PAYLOAD_VERSION = "1";

    private final DeliveryConfig config;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    public DeliveryOutbox(DeliveryConfig config, ObjectMapper objectMapper, Clock clock) {
        this.config = config;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    public Uni<Void> enqueue(DeliveryEvent event) {
        UUID eventId = UUID.randomUUID();
        return Panache.getSession().chain(session -> {
            Uni<Void> own = switch (event.channel()) {
                case GOSUSLUGI -> config.gosuslugiUrl().isPresent() && event.externalId() != null
                        ? insert(session, eventId, event, Destination.GOSUSLUGI, null, gosuslugiPayload(eventId, event))
                        : Uni.createFrom().voidItem();
                case SOCIAL -> config.socialUrl().isPresent() && event.externalId() != null
                        ? insert(session, eventId, event, Destination.SOCIAL, null, socialPayload(eventId, event))
                        : Uni.createFrom().voidItem();
                // Open311 clients fetch changes from servicerequestupdates
                case WIDGET, MOBILE, OPEN311 -> Uni.createFrom().voidItem();
            };
            return own.chain(() -> subscribersOf(session, event.type()))
                    .chain(subscribers -> insertEach(session, eventId, event, subscribers));
        });
    }

    private static Uni<List<UUID>> subscribersOf(Mutiny.Session session, String type) {
        return session.createNativeQuery("select id from webhook_subscription where active and :type = any(events) order by created_at",
                UUID.class)
                .setParameter("type", type)
                .getResultList();
    }

    /** The rows of a notice event: one to the social-monitoring client, one per webhook subscriber of the type. */
    public Uni<Void> enqueueNotice(NoticeDeliveryEvent event) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", PAYLOAD_VERSION);
        payload.put("eventId", eventId.toString());
        payload.put("type", event.type());
        payload.put("occurredAt", event.occurredAt().toString());
        payload.put("noticeId", event.noticeId());
        payload.put("noticeVersion", event.version());
        payload.put("state", event.state());
        payload.put("notice", event.notice());
        String webhook = json(payload);
        payload.put("text", event.post());
        String social = json(payload);
        return Panache.getSession().chain(session -> {
            Uni<Void> own = config.socialUrl().isPresent()
                    ? insertNotice(session, eventId, event, Destination.SOCIAL, null, social)
                    : Uni.createFrom().voidItem();
            return own.chain(() -> subscribersOf(session, event.type()))
                    .chain(subscribers -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (UUID subscriber : subscribers) {
                            chain = chain.chain(() -> insertNotice(session, eventId, event, Destination.WEBHOOK, subscriber, webhook));
                        }
                        return chain;
                    });
        });
    }

    private Uni<Void> insertEach(Mutiny.Session session, UUID eventId, DeliveryEvent event, List<UUID> subscribers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        String payload = subscribers.isEmpty() ? null : webhookPayload(eventId, event);
        for (UUID subscriber : subscribers) {
            chain = chain.chain(() -> insert(session, eventId, event, Destination.WEBHOOK, subscriber, payload));
        }
        return chain;
    }

    private Uni<Void> insert(Mutiny.Session session, UUID eventId, DeliveryEvent event, Destination destination,
            UUID subscription, String payload) {
        return insertRow(session, eventId, event.type(), event.incidentId(), event.number(), null, destination, subscription,
                payload);
    }

    private Uni<Void> insertNotice(Mutiny.Session session, UUID eventId, NoticeDeliveryEvent event, Destination destination,
            UUID subscription, String payload) {
        return insertRow(session, eventId, event.type(), null, null, event.noticeId(), destination, subscription, payload);
    }

    private Uni<Void> insertRow(Mutiny.Session session, UUID eventId, String type, Long incidentId, String number,
            Long noticeId, Destination destination, UUID subscription, String payload) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        return session.createNativeQuery("""
                insert into outbox_delivery (id, event_id, event_type, incident_id, incident_number, notice_id, destination,
                    subscription_id, payload, state, attempts, next_attempt_at, created_at)
                values (:id, :eventId, :type, :incidentId, :number, :noticeId, :destination, :subscription, :payload, 'PENDING', 0,
                    :now, :now)""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("eventId", eventId)
                .setParameter("type", type)
                .setParameter("incidentId", incidentId)
                .setParameter("number", number)
                .setParameter("noticeId", noticeId)
                .setParameter("destination", destination.name())
                .setParameter("subscription", subscription)
                .setParameter("payload", payload)
                .setParameter("now", now)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Map<String, Object> common(UUID eventId, DeliveryEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", PAYLOAD_VERSION);
        payload.put("eventId", eventId.toString());
        payload.put("type", event.type());
        payload.put("occurredAt", event.occurredAt().toString());
        payload.put("number", event.number());
        payload.put("status", event.status());
        return payload;
    }

    private String gosuslugiPayload(UUID eventId, DeliveryEvent event) {
        Map<String, Object> payload = common(eventId, event);
        payload.put("messageId", event.externalId());
        payload.put("answerText", event.answerText());
        payload.put("resolution", event.resolution());
        payload.put("plannedDate", event.plannedDate() == null ? null : event.plannedDate().toString());
        return json(payload);
    }

    private String socialPayload(UUID eventId, DeliveryEvent event) {
        Map<String, Object> payload = common(eventId, event);
        payload.put("platform", event.socialPlatform());
        payload.put("externalId", event.externalId());
        payload.put("text", event.answerText() != null ? event.answerText()
                : "Обращение " + event.number() + ": статус " + event.status());
        return json(payload);
    }

    /** Subscribers learn what changed and can fetch the public status; nothing personal travels. */
    private String webhookPayload(UUID eventId, DeliveryEvent event) {
        Map<String, Object> payload = common(eventId, event);
        payload.put("channel", event.channel().name());
        payload.put("categoryCode", event.categoryCode());
        payload.put("organizationCode", event.organizationCode());
        payload.put("answerText", event.answerText());
        payload.put("resolution", event.resolution());
        payload.put("plannedDate", event.plannedDate() == null ? null : event.plannedDate().toString());
        return json(payload);
    }

    private String json(Map<String, Object> payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a delivery payload", e);
        }
    }

    public enum Destination {
        GOSUSLUGI,
        SOCIAL,
        WEBHOOK
    }
}
