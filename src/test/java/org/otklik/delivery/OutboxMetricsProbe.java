package org.otklik.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/** Lets tests outside the delivery package refresh the outbox gauges before they scrape. */
@ApplicationScoped
public class OutboxMetricsProbe {

    private final OutboxMetrics metrics;

    public OutboxMetricsProbe(OutboxMetrics metrics) {
        this.metrics = metrics;
    }

    public void refresh() {
        metrics.backlog().refresh().await().atMost(Duration.ofSeconds(10));
    }
}
