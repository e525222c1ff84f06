package org.otklik.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Works through the outbox ({@link OutboxRepository} holds its SQL; the pool here only spans the
 * transaction that disables a subscriber and cancels its rows). A round claims due rows with {@code FOR UPDATE SKIP LOCKED} and a
 * lease, so that several instances never take the same row; a row is due only when no earlier row
 * of the same incident and destination is still pending, which keeps each incident's events in
 * order. Rows are sent in parallel, each with its own timeouts, and a destination whose circuit is
 * open is skipped, so one dead endpoint never holds up the others. A relay that stops mid-round
 * leaves its rows leased; they are sent again once the lease ends.
 * <p>
 * Fencing: each claim takes the row's next {@code lease_number}. While rows are in flight the relay
 * renews their leases every third of a lease, so a slow receiver never lets a second relay take the
 * same row; and a result (or a renewal) counts only while the row still carries the number claimed,
 * so a relay that lost its lease (paused, cut off from the database) cannot overwrite what another
 * relay or an admin decided since.
 */
@ApplicationScoped
public class DeliveryRelay {

    private static final Logger LOG = Logger.getLogger(DeliveryRelay.class);
    private static final int PARALLEL_SENDS = 16;

    private final Pool pool;
    private final OutboxRepository outbox;
    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookSender sender;
    private final GatewayTokens gatewayTokens;
    private final RetryPolicy retries;
    private final CircuitBreakers circuits;
    private final DeliveryConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    public DeliveryRelay(Pool pool, OutboxRepository outbox, WebhookSubscriptionRepository subscriptions, WebhookSender sender,
            GatewayTokens gatewayTokens, RetryPolicy retries, CircuitBreakers circuits, DeliveryConfig config,
            MeterRegistry metrics, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.gatewayTokens = gatewayTokens;
        this.retries = retries;
        this.circuits = circuits;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    record Claimed(UUID id, long leaseNumber, UUID eventId, String destination, UUID subscriptionId, String payload,
            int attempts, String url, List<String> secrets, boolean subscriptionActive) {
    }

    @Scheduled(every = "${otklik.delivery.relay-interval:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return runOnce().replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("A delivery round failed: %s", failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** One round: claim, send (renewing the leases meanwhile), record. @return how many rows were claimed */
    public Uni<Integer> runOnce() {
        return claim().chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<UUID, Long> inFlight = new ConcurrentHashMap<>();
            claimed.forEach(row -> inFlight.put(row.id(), row.leaseNumber()));
            Cancellable renewal = LeaseRenewals.every(config.lease().dividedBy(3), () -> renew(inFlight));
            return sendAll(claimed, inFlight).eventually(renewal::cancel).replaceWith(claimed.size());
        });
    }

    /** Extends the leases of the rows still in flight that this relay still holds. */
    Uni<Integer> renew(Map<UUID, Long> inFlight) {
        if (inFlight.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return outbox.renewLeases(inFlight, clock.instant().plus(config.lease()));
    }

    /** Claims due rows for the length of a lease. Visible for the restart test. */
    Uni<List<Claimed>> claim() {
        Instant now = clock.instant();
        return outbox.claimDue(now, config.batchSize(), now.plus(config.lease()))
                .map(rows -> rows.stream().map(this::toClaimed).toList());
    }

    private Claimed toClaimed(OutboxRepository.ClaimedRow row) {
        String destination = row.destination();
        List<String> secrets = new ArrayList<>();
        String url;
        boolean active = true;
        switch (DeliveryOutbox.Destination.valueOf(destination)) {
            case GOSUSLUGI -> {
                url = config.gosuslugiUrl().orElse(null);
                if (config.gosuslugiAuth().contains(DeliveryConfig.GatewayAuth.SIGNATURE)) {
                    config.gosuslugiSecret().ifPresent(secrets::add);
                }
            }
            case SOCIAL -> {
                url = config.socialUrl().orElse(null);
                config.socialSecret().ifPresent(secrets::add);
            }
            default -> {
                url = row.url();
                Optional.ofNullable(row.secret()).ifPresent(secrets::add);
                Optional.ofNullable(row.previousSecret()).ifPresent(secrets::add);
                active = Boolean.TRUE.equals(row.subscriptionActive());
            }
        }
        return new Claimed(row.id(), row.leaseNumber(), row.eventId(), destination, row.subscriptionId(), row.payload(),
                row.attempts(), url, secrets, active);
    }

    private Uni<Void> sendAll(List<Claimed> claimed, Map<UUID, Long> inFlight) {
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(row -> deliver(row).eventually(() -> inFlight.remove(row.id())))
                .merge(PARALLEL_SENDS)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> deliver(Claimed row) {
        Instant now = clock.instant();
        if (!row.subscriptionActive() || row.url() == null) {
            return finish(row, DeliveryState.CANCELLED, null,
                    new DeliveryFailure(DeliveryFailure.Kind.DESTINATION_REFUSED, "destination no longer configured"), null);
        }
        URI url;
        try {
            url = URI.create(row.url());
        } catch (IllegalArgumentException e) {
            return finish(row, DeliveryState.DEAD, null,
                    new DeliveryFailure(DeliveryFailure.Kind.DESTINATION_REFUSED, "invalid destination URL"), null);
        }
        String circuit = url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
        if (!circuits.allows(circuit, now)) {
            return reschedule(row, now.plus(config.circuitOpenFor()));
        }
        Uni<Optional<String>> bearer = DeliveryOutbox.Destination.GOSUSLUGI.name().equals(row.destination()) ? gatewayTokens.bearer()
                : Uni.createFrom().item(Optional.empty());
        return bearer
                .chain(token -> sender.send(url, row.eventId().toString(), row.secrets(), token, row.payload()))
                .onFailure().recoverWithItem(failure -> new WebhookSender.Result(0, Optional.empty(), DeliveryFailure.noAccessToken()))
                .chain(result -> record(row, circuit, result));
    }

    /** Records the result of a send; it is ignored when the relay no longer holds the row's lease. */
    Uni<Void> record(Claimed row, String circuit, WebhookSender.Result result) {
        Instant now = clock.instant();
        RetryPolicy.Outcome outcome = result.status() == 0 ? RetryPolicy.Outcome.RETRY : RetryPolicy.classify(result.status());
        Integer status = result.status() == 0 ? null : result.status();
        count(row.destination(), outcome.name());
        switch (outcome) {
            case DELIVERED -> {
                circuits.recordSuccess(circuit);
                return finish(row, DeliveryState.DELIVERED, status, result, now);
            }
            case GONE -> {
                circuits.recordSuccess(circuit);
                return finish(row, DeliveryState.DEAD, status, result, null).call(() -> disableSubscriber(row, result.error()));
            }
            case REJECTED -> {
                circuits.recordSuccess(circuit);
                return finish(row, DeliveryState.DEAD, status, result, null);
            }
            default -> {
                circuits.recordFailure(circuit, now);
                Optional<java.time.Duration> retryAfter = result.retryAfter()
                        .flatMap(header -> RetryPolicy.parseRetryAfter(header, now));
                Optional<Instant> next = retries.nextAttempt(row.attempts() + 1, now, retryAfter);
                if (next.isEmpty()) {
                    LOG.warnf("Delivery %s to %s is dead after %d attempts: %s", row.id(), row.destination(),
                            row.attempts() + 1, result.error());
                    return finish(row, DeliveryState.DEAD, status, result, null);
                }
                return outbox.retryLater(row.id(), row.leaseNumber(), next.get(), status, truncate(result.error()), result.errorKind())
                        .invoke(updated -> fenced(row, updated))
                        .replaceWithVoid();
            }
        }
    }

    private Uni<Void> finish(Claimed row, DeliveryState state, Integer status, WebhookSender.Result result, Instant deliveredAt) {
        return finish(row, state, status, result.failure(), deliveredAt);
    }

    private Uni<Void> finish(Claimed row, DeliveryState state, Integer status, DeliveryFailure failure, Instant deliveredAt) {
        return outbox.finish(row.id(), row.leaseNumber(), state.name(), status, failure == null ? null : truncate(failure.message()),
                failure == null ? null : failure.kind().name(), deliveredAt)
                .invoke(updated -> fenced(row, updated))
                .replaceWithVoid();
    }

    private Uni<Void> reschedule(Claimed row, Instant next) {
        return outbox.reschedule(row.id(), row.leaseNumber(), next)
                .invoke(updated -> fenced(row, updated))
                .replaceWithVoid();
    }

    private void fenced(Claimed row, int updated) {
        if (updated == 0) {
            metrics.counter("otklik.deliveries.fenced").increment();
            LOG.warnf("Delivery %s: lease %d was lost meanwhile (taken over, retried or cancelled); this result is ignored",
                    row.id(), row.leaseNumber());
        }
    }

    /** 410 Gone: the subscriber does not want our events any more. */
    private Uni<Void> disableSubscriber(Claimed row, String error) {
        if (row.subscriptionId() == null) {
            return Uni.createFrom().voidItem();
        }
        LOG.warnf("Webhook subscription %s answered 410 Gone and is disabled", row.subscriptionId());
        return pool.withTransaction(transaction -> subscriptions
                .disable(transaction, row.subscriptionId(), "410 Gone at " + clock.instant())
                .chain(() -> outbox.cancelPendingOf(transaction, row.subscriptionId())));
    }

    private void count(String destination, String outcome) {
        metrics.counter("otklik.deliveries", "destination", destination, "outcome", outcome).increment();
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 500 ? error.substring(0, 499) + "…" : error;
    }
}
