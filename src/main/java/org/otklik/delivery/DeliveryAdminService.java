package org.otklik.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.otklik.common.Page;
import org.otklik.common.KeysetCursor;
import org.otklik.common.ProblemException;
import org.otklik.common.ProblemType;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Webhook subscriptions and the delivery log, for admins (and, per incident, for staff and integrations). */
@ApplicationScoped
public class DeliveryAdminService {

    private static final List<String> STATES = List.of("PENDING", "DELIVERED", "DEAD", "CANCELLED");
    private static final List<String> DESTINATIONS = List.of("GOSUSLUGI", "SOCIAL", "WEBHOOK");

    private final Pool pool;
    private final DestinationGuard guard;
    private final Clock clock;
    private final ZoneId zone;
    private final Set<String> eventTypes;

    public DeliveryAdminService(Pool pool, DestinationGuard guard, Clock clock, CalendarConfig calendar,
            Instance<DeliveredEvents> emitters) {
        this.pool = pool;
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
            OffsetDateTime now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
            List<String> events = request.events().stream().distinct().sorted().toList();
            return pool.preparedQuery("insert into webhook_subscription (id, url, events, secret, created_at, created_by)"
                    + " values ($1, $2, $3, $4, $5, $6)")
                    .execute(Tuple.from(List.of(id, request.url(), events.toArray(String[]::new), secret, now, admin)))
                    .map(done -> new SubscriptionCreated(id, request.url(), events, secret, now.atZoneSameInstant(zone).toOffsetDateTime()));
        });
    }

    public Uni<List<Subscription>> subscriptions() {
        return pool.query("select id, url, events, active, disabled_reason, created_at from webhook_subscription order by created_at")
                .execute().map(rows -> {
                    List<Subscription> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Subscription(row.getUUID("id"), row.getString("url"),
                                Arrays.asList(row.getArrayOfStrings("events")), row.getBoolean("active"),
                                row.getString("disabled_reason"), local(row.getOffsetDateTime("created_at"))));
                    }
                    return list;
                });
    }

    /**
     * A new secret; the old one keeps signing alongside it for a day, so that receivers can switch
     * over without missing an event.
     */
    public Uni<SubscriptionCreated> rotateSecret(UUID id) {
        String secret = WebhookSigner.newSecret();
        OffsetDateTime until = clock.instant().plus(java.time.Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC);
        return pool.preparedQuery("update webhook_subscription set previous_secret = secret, previous_secret_until = $2,"
                + " secret = $3 where id = $1 and active returning id, url, events, created_at")
                .execute(Tuple.of(id, until, secret))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("No active webhook subscription " + id + ".");
                    }
                    Row row = rows.iterator().next();
                    return new SubscriptionCreated(row.getUUID("id"), row.getString("url"),
                            Arrays.asList(row.getArrayOfStrings("events")), secret, local(row.getOffsetDateTime("created_at")));
                });
    }

    /** Stops a subscription; its pending deliveries are cancelled. */
    public Uni<Void> unsubscribe(UUID id) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("update webhook_subscription set active = false, disabled_reason = 'deleted by an admin'"
                        + " where id = $1 and active")
                .execute(Tuple.of(id))
                .chain(updated -> {
                    if (updated.rowCount() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("No active webhook subscription " + id + "."));
                    }
                    return connection.preparedQuery("update outbox_delivery set state = 'CANCELLED', leased_until = null"
                            + " where subscription_id = $1 and state = 'PENDING'").execute(Tuple.of(id));
                }))
                .replaceWithVoid();
    }

    public Uni<DeliveryPage> deliveries(String state, String destination, String cursor, int limit) {
        if (state != null && !STATES.contains(state)) {
            return Uni.createFrom().failure(ProblemException.badParameter("state", "must be one of " + STATES));
        }
        if (destination != null && !DESTINATIONS.contains(destination)) {
            return Uni.createFrom().failure(ProblemException.badParameter("channel", "must be one of " + DESTINATIONS));
        }
        long afterSeq = cursor == null ? Long.MAX_VALUE : KeysetCursor.decode(cursor, 1).number(0);
        return pool.preparedQuery("select * from outbox_delivery where ($1::text is null or state = $1)"
                + " and ($2::text is null or destination = $2) and seq < $3 order by seq desc limit $4")
                .execute(Tuple.of(state, destination, afterSeq, limit + 1))
                .map(rows -> {
                    List<Row> fetched = new ArrayList<>();
                    rows.forEach(fetched::add);
                    Page<Delivery> page = Page.of(fetched, limit, last -> KeysetCursor.of(last.getLong("seq")), this::toView);
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
        return pool.preparedQuery("select * from outbox_delivery where incident_id = $1"
                + " and ($2::text is null or destination = $2) order by seq")
                .execute(Tuple.of(incidentId, destination))
                .map(rows -> {
                    List<Delivery> items = new ArrayList<>();
                    rows.forEach(row -> items.add(toView(row)));
                    return items;
                });
    }

    /**
     * Sends a dead (or still pending) delivery again now, with a fresh set of attempts. A delivery a
     * relay holds right now (in flight) is left alone: 409. The new lease number fences off any relay
     * that still thinks it holds the row.
     */
    public Uni<Delivery> retry(UUID id) {
        OffsetDateTime now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        return pool.preparedQuery("update outbox_delivery set state = 'PENDING', attempts = 0, next_attempt_at = $2,"
                + " leased_until = null, lease_number = lease_number + 1 where id = $1"
                + " and (state = 'DEAD' or (state = 'PENDING' and (leased_until is null or leased_until < $2))) returning *")
                .execute(Tuple.of(id, now))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return pool.preparedQuery("select state, leased_until > $2 as in_flight from outbox_delivery where id = $1")
                                .execute(Tuple.of(id, now))
                                .map(found -> {
                                    if (found.rowCount() == 0) {
                                        throw ProblemException.notFound("No delivery " + id + ".");
                                    }
                                    Row row = found.iterator().next();
                                    if (Boolean.TRUE.equals(row.getBoolean("in_flight")) && "PENDING".equals(row.getString("state"))) {
                                        throw new ProblemException(ProblemType.CONFLICT,
                                                "The delivery is being sent right now; retry it after this attempt has ended.");
                                    }
                                    throw new ProblemException(ProblemType.CONFLICT, "A " + row.getString("state")
                                            + " delivery is not sent again.");
                                });
                    }
                    return Uni.createFrom().item(toView(rows.iterator().next()));
                });
    }

    private Delivery toView(Row row) {
        return new Delivery(row.getUUID("id"), row.getUUID("event_id"), row.getString("event_type"),
                row.getString("incident_number"), row.getLong("notice_id"), row.getString("destination"), row.getUUID("subscription_id"),
                row.getString("state"), row.getInteger("attempts"), local(row.getOffsetDateTime("next_attempt_at")),
                row.getInteger("last_status"), row.getString("last_error"), local(row.getOffsetDateTime("created_at")),
                local(row.getOffsetDateTime("delivered_at")));
    }

    private OffsetDateTime local(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(zone).toOffsetDateTime();
    }
}
