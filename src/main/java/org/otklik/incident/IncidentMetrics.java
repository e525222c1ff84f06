package org.otklik.incident;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.observability.ScrapeSnapshot;
import org.otklik.security.Channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * What an operator watches of the incidents: messages received per channel (counted where intake creates
 * them), open incidents per status and how many are overdue (one query on scrape, {@link ScrapeSnapshot}),
 * and the time to the first response and to the answer, as histograms with buckets in hours and days. The
 * open and overdue gauges are the whole city's, so every pod reports the same figures: aggregate them with
 * {@code max}, not {@code sum}.
 */
@Startup
@ApplicationScoped
public class IncidentMetrics {

    /** Open incidents by status and how many of all open ones are overdue. */
    public record OpenFigures(Map<IncidentStatus, Long> open, long overdue) {
    }

    /** Buckets of the answer-time histograms: from an hour (a first response in working hours) to 60 days. */
    static final Duration[] ANSWER_TIME_BUCKETS = {
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(1),
            Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7), Duration.ofDays(10),
            Duration.ofDays(15), Duration.ofDays(20), Duration.ofDays(30), Duration.ofDays(60) };

    private final Map<Channel, Counter> received = new EnumMap<>(Channel.class);
    private final Timer firstResponse;
    private final Timer answer;
    private final ScrapeSnapshot<OpenFigures> figures;

    public IncidentMetrics(MeterRegistry registry, IncidentRepository incidents, Clock clock) {
        for (Channel channel : Channel.values()) {
            received.put(channel, Counter.builder("otklik.incidents.received")
                    .description("Incidents created by intake, per channel").tag("channel", channel.name())
                    .register(registry));
        }
        firstResponse = answerTime("otklik.incidents.first.response",
                "Time from receipt to the first response (moderation, assignment, start of work or an answer)", registry);
        answer = answerTime("otklik.incidents.answer", "Time from receipt to the answer", registry);
        figures = new ScrapeSnapshot<>("incident figures", () -> incidents.openFigures(clock.instant()), Duration.ofSeconds(30), clock);
        for (IncidentStatus status : IncidentStatus.OPEN) {
            Gauge.builder("otklik.incidents.open", this, metrics -> metrics.open(status))
                    .description("Open incidents per status (whole city; same on every pod)").tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("otklik.incidents.overdue", this, IncidentMetrics::overdue)
                .description("Open incidents past a deadline now (whole city; same on every pod)").register(registry);
    }

    private static Timer answerTime(String name, String description, MeterRegistry registry) {
        return Timer.builder(name).description(description).serviceLevelObjectives(ANSWER_TIME_BUCKETS)
                .minimumExpectedValue(Duration.ofMinutes(1)).maximumExpectedValue(Duration.ofDays(90)).register(registry);
    }

    void received(Channel channel) {
        received.get(channel).increment();
    }

    void firstResponse(Duration sinceReceipt) {
        firstResponse.record(sinceReceipt);
    }

    void answered(Duration sinceReceipt) {
        answer.record(sinceReceipt);
    }

    ScrapeSnapshot<OpenFigures> figures() {
        return figures;
    }

    private double open(IncidentStatus status) {
        OpenFigures current = figures.current();
        return current == null ? Double.NaN : current.open().getOrDefault(status, 0L);
    }

    private double overdue() {
        OpenFigures current = figures.current();
        return current == null ? Double.NaN : current.overdue();
    }
}
