package org.otklik.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Writes the outbox rows of a change: one for the incident's own channel (the Gosuslugi gateway or
 * the social-monitoring system) and one per webhook subscriber of the event type. Must run in the
 * transaction of the change, so that neither commits without the other.
 */
@ApplicationScoped
public class DeliveryOutbox {

    public static final String PAYLOAD_VERSION = "1";

    private final OutboxRepository outbox;
    private final WebhookSubscriptionRepository subscriptions;
    private final DeliveryConfig config;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    public DeliveryOutbox(OutboxRepository outbox, WebhookSubscriptionRepository subscriptions, DeliveryConfig config,
            ObjectMapper objectMapper, Clock clock) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.config = config;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** In a pool transaction (the intake's, the workflow's). */
    public Uni<Void> enqueue(SqlConnection transaction, DeliveryEvent event) {
        UUID eventId = UUID.randomUUID();
        Uni<Void> own = switch (event.channel()) {
            case GOSUSLUGI -> config.gosuslugiUrl().isPresent() && event.externalId() != null
                    ? insert(transaction, eventId, event, Destination.GOSUSLUGI, null, gosuslugiPayload(eventId, event))
                    : Uni.createFrom().voidItem();
            case SOCIAL -> config.socialUrl().isPresent() && event.externalId() != null
                    ? insert(transaction, eventId, event, Destination.SOCIAL, null, socialPayload(eventId, event))
                    : Uni.createFrom().voidItem();
            // Open311 clients fetch changes from servicerequestupdates
            case WIDGET, MOBILE, OPEN311 -> Uni.createFrom().voidItem();
        };
        return own.chain(() -> subscriptions.activeSubscribersOf(transaction, event.type()))
                .chain(subscribers -> insertEach(transaction, eventId, event, subscribers));
    }

    /**
     * The rows of a notice event, in the change's pool transaction: one to the social-monitoring client, one per
     * webhook subscriber of the type.
     */
    public Uni<Void> enqueueNotice(SqlConnection transaction, NoticeDeliveryEvent event) {
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
        Uni<Void> own = config.socialUrl().isPresent()
                ? insertNotice(transaction, eventId, event, Destination.SOCIAL, null, social)
                : Uni.createFrom().voidItem();
        return own.chain(() -> subscriptions.activeSubscribersOf(transaction, event.type()))
                .chain(subscribers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID subscriber : subscribers) {
                        chain = chain.chain(() -> insertNotice(transaction, eventId, event, Destination.WEBHOOK, subscriber, webhook));
                    }
                    return chain;
                });
    }

    private Uni<Void> insertEach(SqlConnection transaction, UUID eventId, DeliveryEvent event, List<UUID> subscribers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        String payload = subscribers.isEmpty() ? null : webhookPayload(eventId, event);
        for (UUID subscriber : subscribers) {
            chain = chain.chain(() -> insert(transaction, eventId, event, Destination.WEBHOOK, subscriber, payload));
        }
        return chain;
    }

    private Uni<Void> insert(SqlConnection transaction, UUID eventId, DeliveryEvent event, Destination destination, UUID subscription,
            String payload) {
        return outbox.insert(transaction, new OutboxRepository.NewDelivery(eventId, event.type(), event.incidentId(),
                event.number(), null, destination, subscription, payload, clock.instant()));
    }

    private Uni<Void> insertNotice(SqlConnection transaction, UUID eventId, NoticeDeliveryEvent event, Destination destination,
            UUID subscription, String payload) {
        return outbox.insert(transaction, new OutboxRepository.NewDelivery(eventId, event.type(), null, null, event.noticeId(),
                destination, subscription, payload, clock.instant()));
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
        putPhotos(payload, event);
        return json(payload);
    }

    /** An answer's photos reach the source channel as links valid for a limited time, never as storage paths. */
    private static void putPhotos(Map<String, Object> payload, DeliveryEvent event) {
        if (event.photoLinks() != null && !event.photoLinks().isEmpty()) {
            payload.put("photos", event.photoLinks());
        }
    }

    private String socialPayload(UUID eventId, DeliveryEvent event) {
        Map<String, Object> payload = common(eventId, event);
        payload.put("platform", event.socialPlatform());
        payload.put("externalId", event.externalId());
        payload.put("text", event.answerText() != null ? event.answerText()
                : "Обращение " + event.number() + ": статус " + event.status());
        putPhotos(payload, event);
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
