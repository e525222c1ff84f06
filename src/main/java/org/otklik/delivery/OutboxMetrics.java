package org.otklik.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.observability.ScrapeSnapshot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The outbox as an operator sees it, per destination (a tag, so a new channel such as mail adds series, not
 * metrics): rows waiting, the age of the oldest waiting row, rows dead-lettered. One query on scrape
 * ({@link ScrapeSnapshot}); the figures are the whole outbox's, the same on every pod (aggregate with
 * {@code max}). Deliveries themselves are counted by the relay: {@code otklik.deliveries{destination,outcome}}.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {

    /** One destination's backlog. */
    public record Backlog(long pending, double oldestPendingSeconds, long dead) {
    }

    private final MeterRegistry registry;
    private final ScrapeSnapshot<Map<String, Backlog>> backlog;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public OutboxMetrics(MeterRegistry registry, DeliveryLogRepository log, Clock clock) {
        this.registry = registry;
        // A destination the list below does not know yet gets its gauges when the outbox first shows it.
        this.backlog = new ScrapeSnapshot<>("outbox backlog",
                () -> log.backlogByDestination().invoke(rows -> rows.keySet().forEach(this::register)),
                Duration.ofSeconds(15), clock);
        DeliveryAdminService.DESTINATIONS.forEach(this::register);
    }

    ScrapeSnapshot<Map<String, Backlog>> backlog() {
        return backlog;
    }

    /** The gauges of one destination, once. */
    private void register(String destination) {
        if (!registered.add(destination)) {
            return;
        }
        for (RetryPolicy.Outcome outcome : RetryPolicy.Outcome.values()) {
            // The relay's counter, here with every series from the start (rate() needs a zero to start from).
            registry.counter("otklik.deliveries", "destination", destination, "outcome", outcome.name());
        }
        gauge("otklik.outbox.pending", "Outbox rows waiting for delivery", destination, Backlog::pending, null);
        gauge("otklik.outbox.oldest.pending.age", "How long the oldest waiting outbox row has waited", destination,
                Backlog::oldestPendingSeconds, "seconds");
        gauge("otklik.outbox.dead", "Outbox rows dead-lettered (after the last try, or refused for good)", destination,
                Backlog::dead, null);
    }

    private void gauge(String name, String description, String destination, ToDoubleFunction<Backlog> figure, String unit) {
        Gauge.builder(name, this, metrics -> metrics.figure(destination, figure)).description(description)
                .tag("destination", destination).baseUnit(unit).register(registry);
    }

    private double figure(String destination, ToDoubleFunction<Backlog> figure) {
        Map<String, Backlog> current = backlog.current();
        if (current == null) {
            return Double.NaN;
        }
        Backlog row = current.get(destination);
        return row == null ? 0 : figure.applyAsDouble(row);
    }
}
