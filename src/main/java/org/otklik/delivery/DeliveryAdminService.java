package org.otklik.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.delivery.DeliveryViews.Delivery;
import org.otklik.delivery.DeliveryViews.DeliveryPage;
import org.otklik.delivery.DeliveryViews.Subscription;
import org.otklik.delivery.DeliveryViews.SubscriptionCreated;
import org.otklik.delivery.DeliveryViews.SubscriptionRequest;
import org.otklik.routing.CalendarConfig;
import org.otklik.security.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Webhook subscriptions and the delivery log, for admins (and, per incident, for staff and integrations).
 * The SQL lives in {@link WebhookSubscriptionRepository}, {@link OutboxRepository} and {@link DeliveryLogRepository};
 * the pool here only spans the transaction that deletes a subscription and cancels its rows.
 */
@ApplicationScoped
public class DeliveryAdminService {

    private static final List<String> STATES = Arrays.stream(DeliveryState.values()).map(Enum::name).toList();
    /** Where deliveries go: the outbox's destinations, and mail. */
    static final List<String> DESTINATIONS = Stream.concat(Arrays.stream(DeliveryOutbox.Destination.values()).map(Enum::name),
            Stream.of("MAIL")).toList();

    private final Pool pool;
    private final WebhookSubscriptionRepository subscriptions;
    private final OutboxRepository outbox;
    private final DeliveryLogRepository log;
    private final DestinationGuard guard;
    private final Clock clock;
    private final ZoneId zone;
    private final Set<String> eventTypes;

    public DeliveryAdminService(Pool pool, WebhookSubscriptionRepository subscriptions, OutboxRepository outbox,
            DeliveryLogRepository log, DestinationGuard guard, Clock clock, CalendarConfig calendar,
            Instance<DeliveredEvents> emitters) {
        this.pool = pool;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.log = log;
        this.guard = guard;
        this.clock = clock;
        this.zone = calendar.zone();
        Set<String> types = new TreeSet<>(DeliveryEvent.NOTICE_TYPES);
        emitters.forEach(emitter -> types.addAll(emitter.types()));
        this.eventTypes = Collections.unmodifiableSet(types);
    }

    public Uni<SubscriptionCreated> subscribe(SubscriptionRequest request, String admin) {
        List<String> unknown = request.events().stream().filter(e -> !eventTypes.contains(e)).toList();
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalidField("/events",
                    "unknown event types " + unknown + "; known: " + List.copyOf(eventTypes)));
        }
        URI url;
        try {
            url = URI.create(request.url());
            guard.checkUrl(url);
        } catch (IllegalArgumentException | UnsafeDestinationException e) {
            return Uni.createFrom().failure(ProblemException.invalidField("/url", e.getMessage()));
        }
        URI checked = url;
        return Uni.createFrom().item(() -> {
            try {
                guard.checkAddresses(checked.getHost(), Arrays.asList(java.net.InetAddress.getAllByName(checked.getHost())));
                return checked;
            } catch (java.net.UnknownHostException e) {
                throw ProblemException.invalidField("/url", "the host cannot be resolved");
            } catch (UnsafeDestinationException e) {
                throw ProblemException.invalidField("/url", e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(ok -> {
            UUID id = UUID.randomUUID();
            String secret = WebhookSigner.newSecret();
            Instant now = clock.instant();
            List<String> events = request.events().stream().distinct().sorted().toList();
            return subscriptions.insert(id, request.url(), events, secret, now, admin)
                    .map(done -> new SubscriptionCreated(id, request.url(), events, secret, now.atZone(zone).toOffsetDateTime()));
        });
    }

    public Uni<List<Subscription>> subscriptions() {
        return subscriptions.all().map(rows -> rows.stream()
                .map(row -> new Subscription(row.id(), row.url(), row.events(), row.active(), row.disabledReason(),
                        local(row.createdAt())))
                .toList());
    }

    /**
     * A new secret; the old one keeps signing alongside it for a day, so that receivers can switch
     * over without missing an event.
     */
    public Uni<SubscriptionCreated> rotateSecret(UUID id) {
        String secret = WebhookSigner.newSecret();
        return subscriptions.rotateSecret(id, secret, clock.instant().plus(Duration.ofDays(1)))
                .map(rotated -> rotated
                        .map(row -> new SubscriptionCreated(row.id(), row.url(), row.events(), secret, local(row.createdAt())))
                        .orElseThrow(() -> ProblemException.notFound("No active webhook subscription " + id + ".")));
    }

    /** Stops a subscription; its pending deliveries are cancelled. */
    public Uni<Void> unsubscribe(UUID id) {
        return pool.withTransaction(transaction -> subscriptions.deleteByAdmin(transaction, id)
                .chain(deleted -> deleted
                        ? outbox.cancelPendingOf(transaction, id)
                        : Uni.createFrom().failure(ProblemException.notFound("No active webhook subscription " + id + "."))));
    }

    public Uni<DeliveryPage> deliveries(String state, String destination, String cursor, int limit) {
        if (state != null && !STATES.contains(state)) {
            return Uni.createFrom().failure(ProblemException.badParameter("state", "must be one of " + STATES));
        }
        if (destination != null && !DESTINATIONS.contains(destination)) {
            return Uni.createFrom().failure(ProblemException.badParameter("channel", "must be one of " + DESTINATIONS));
        }
        long afterSeq = cursor == null ? Long.MAX_VALUE : KeysetCursor.decode(cursor, 1).number(0);
        return log.page(state, destination, afterSeq, limit + 1)
                .map(fetched -> {
                    Page<Delivery> page = Page.of(fetched, limit, last -> KeysetCursor.of(last.seq()), this::toView);
                    return new DeliveryPage(page.items(), page.nextCursor());
                });
    }

    /** Every delivery of an incident: for staff. */
    public Uni<List<Delivery>> deliveriesOfIncident(long incidentId) {
        return deliveriesOfIncident(incidentId, null);
    }

    /**
     * Only the deliveries to the incident's own channel, if that channel is the Gosuslugi gateway or the
     * social-monitoring system: what the integration client of that channel may see. Webhook subscribers
     * and their errors stay hidden.
     */
    public Uni<List<Delivery>> channelDeliveriesOfIncident(long incidentId, Channel channel) {
        return switch (channel) {
            case GOSUSLUGI -> deliveriesOfIncident(incidentId, DeliveryOutbox.Destination.GOSUSLUGI.name());
            case SOCIAL -> deliveriesOfIncident(incidentId, DeliveryOutbox.Destination.SOCIAL.name());
            default -> Uni.createFrom().item(List.of());
        };
    }

    private Uni<List<Delivery>> deliveriesOfIncident(long incidentId, String destination) {
        return log.ofIncident(incidentId, destination).map(rows -> rows.stream().map(this::toView).toList());
    }

    /**
     * Sends a dead (or still pending) delivery again now, with a fresh set of attempts. A delivery a
     * relay holds right now (in flight) is left alone: 409. The new lease number fences off any relay
     * that still thinks it holds the row.
     */
    public Uni<Delivery> retry(UUID id) {
        Instant now = clock.instant();
        return outbox.retryNow(id, now).chain(retried -> retried.isPresent()
                ? Uni.createFrom().item(toView(retried.get()))
                : log.retryRefusal(id, now).map(refusal -> {
                    DeliveryLogRepository.RetryRefusal row = refusal
                            .orElseThrow(() -> ProblemException.notFound("No delivery " + id + "."));
                    if (row.inFlight() && DeliveryState.PENDING.name().equals(row.state())) {
                        throw new ProblemException(ProblemType.CONFLICT,
                                "The delivery is being sent right now; retry it after this attempt has ended.");
                    }
                    throw new ProblemException(ProblemType.CONFLICT, "A " + row.state() + " delivery is not sent again.");
                }));
    }

    private Delivery toView(DeliveryLogRepository.DeliveryRow row) {
        return new Delivery(row.id(), row.eventId(), row.eventType(), row.incidentNumber(), row.noticeId(), row.destination(),
                row.subscriptionId(), row.state(), row.attempts(), local(row.nextAttemptAt()), row.lastStatus(), row.lastError(), row.lastErrorKind(),
                local(row.createdAt()), local(row.deliveredAt()), MailRecipients.mask(row.recipient()));
    }

    private OffsetDateTime local(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(zone).toOffsetDateTime();
    }
}
