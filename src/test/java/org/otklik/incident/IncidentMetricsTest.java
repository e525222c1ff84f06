package org.otklik.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.delivery.OutboxMetricsProbe;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The operator's metrics, read the way Prometheus reads them (a scrape of /q/metrics): intake counts per
 * channel, the open and overdue gauges equal what the database holds, and the answer-time histograms
 * count the first response and the answer of an incident once each.
 */
@QuarkusTest
class IncidentMetricsTest {

    private static final String OPERATOR = TestTokens.operator();
    private static final String ROADS = TestTokens.executor("dep.roads");

    @Inject
    IncidentMetrics metrics;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxMetricsProbe outbox;

    @Test
    void intakeIsCountedPerChannel() {
        double before = sample("otklik_incidents_received_total{channel=\"WIDGET\"}");
        Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("metrics")), Feedback.pothole());
        Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("metrics")), Feedback.pothole());
        assertThat(sample("otklik_incidents_received_total{channel=\"WIDGET\"}")).isEqualTo(before + 2);
        assertThat(scrape()).contains("otklik_incidents_received_total{channel=\"OPEN311\"}");
    }

    @Test
    void openAndOverdueGaugesShowWhatTheDatabaseHolds() throws Exception {
        String overdue = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("late")), Feedback.pothole());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update incident set resolution_due = now() - interval '1 day' where number = '" + overdue + "'");
        }
        metrics.figures().refresh().await().atMost(Duration.ofSeconds(10));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet counts = statement.executeQuery("select count(*) filter (where status = 'NEW'),"
                        + " count(*) filter (where resolution_due < now() or (first_responded_at is null and first_response_due < now()))"
                        + " from incident where status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED')")) {
            counts.next();
            assertThat(sample("otklik_incidents_open{status=\"NEW\"}")).isEqualTo(counts.getLong(1));
            assertThat(sample("otklik_incidents_overdue")).isEqualTo(counts.getLong(2)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void firstResponseAndAnswerAreObservedOnceEach() {
        double responses = sample("otklik_incidents_first_response_seconds_count");
        double answers = sample("otklik_incidents_answer_seconds_count");
        String number = Feedback.submitAs(TestTokens.citizen(Feedback.uniqueSubject("answered")), Feedback.pothole());
        Staff.act(OPERATOR, number, "moderation", Map.of("decision", "ACCEPT")).statusCode(200);
        Staff.act(ROADS, number, "progress").statusCode(200);
        Staff.act(ROADS, number, "answer", Map.of("text", "Яма заделана", "resolution", "FIXED")).statusCode(200);
        assertThat(sample("otklik_incidents_first_response_seconds_count")).isEqualTo(responses + 1);
        assertThat(sample("otklik_incidents_answer_seconds_count")).isEqualTo(answers + 1);
        // Buckets in hours and days: an answer within the hour falls in the first bucket, le=3600 s.
        assertThat(scrape()).contains("otklik_incidents_answer_seconds_bucket{le=\"3600.0\"}")
                .contains("otklik_incidents_answer_seconds_bucket{le=\"5184000.0\"}");
    }

    @Test
    void outboxGaugesExistPerDestination() {
        outbox.refresh();
        String scrape = scrape();
        for (String destination : new String[] { "GOSUSLUGI", "SOCIAL", "WEBHOOK" }) {
            assertThat(scrape).contains("otklik_outbox_pending{destination=\"" + destination + "\"}")
                    .contains("otklik_outbox_oldest_pending_age_seconds{destination=\"" + destination + "\"}")
                    .contains("otklik_outbox_dead{destination=\"" + destination + "\"}")
                    .contains("otklik_deliveries_total{destination=\"" + destination + "\",outcome=\"REJECTED\"}");
        }
        assertThat(sample("otklik_outbox_pending{destination=\"WEBHOOK\"}")).isGreaterThanOrEqualTo(0);
    }

    static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series of the scrape (0 when it is absent). */
    static double sample(String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
