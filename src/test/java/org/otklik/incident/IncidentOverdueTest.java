package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.incident.IncidentStateChangesTest.NOW;
import static org.otklik.incident.IncidentStateChangesTest.incident;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Overdue: open and past the resolution deadline, or past the first-response deadline before any response. */
class IncidentOverdueTest {

    private static final Instant FIRST_RESPONSE_DUE = NOW.plus(Duration.ofHours(4));
    private static final Instant RESOLUTION_DUE = NOW.plus(Duration.ofDays(10));

    private static Incident open(IncidentStatus status, Instant firstRespondedAt) {
        Incident incident = incident(status);
        incident.firstResponseDue = FIRST_RESPONSE_DUE;
        incident.resolutionDue = RESOLUTION_DUE;
        incident.firstRespondedAt = firstRespondedAt;
        return incident;
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = { "NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED" })
    void anOpenIncidentBeforeBothDeadlinesIsNotOverdue(IncidentStatus status) {
        assertThat(open(status, null).isOverdue(NOW)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = { "NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED" })
    void anOpenIncidentPastItsResolutionDeadlineIsOverdue(IncidentStatus status) {
        Incident incident = open(status, NOW);

        assertThat(incident.isOverdue(RESOLUTION_DUE.plusMillis(1))).isTrue();
    }

    @Test
    void theResolutionDeadlineItselfIsStillInTime() {
        assertThat(open(IncidentStatus.IN_PROGRESS, NOW).isOverdue(RESOLUTION_DUE)).isFalse();
    }

    @Test
    void anUnansweredIncidentPastItsFirstResponseDeadlineIsOverdue() {
        Incident incident = open(IncidentStatus.NEW, null);

        assertThat(incident.isOverdue(FIRST_RESPONSE_DUE)).as("at the deadline").isFalse();
        assertThat(incident.isOverdue(FIRST_RESPONSE_DUE.plusMillis(1))).as("just after it").isTrue();
    }

    @Test
    void aFirstResponseStopsTheFirstResponseDeadline() {
        Incident incident = open(IncidentStatus.ASSIGNED, NOW.plus(Duration.ofDays(1)));

        assertThat(incident.isOverdue(FIRST_RESPONSE_DUE.plus(Duration.ofDays(2)))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = { "REJECTED", "ANSWERED", "CLOSED", "DUPLICATE" })
    void anIncidentNoLongerBeingWorkedOnIsNeverOverdue(IncidentStatus status) {
        Incident incident = open(status, null);

        assertThat(incident.isOverdue(RESOLUTION_DUE.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void theOpenStatusesAreTheOnesStillBeingWorkedOn() {
        assertThat(IncidentStatus.OPEN).containsExactlyInAnyOrder(IncidentStatus.NEW, IncidentStatus.ASSIGNED,
                IncidentStatus.IN_PROGRESS, IncidentStatus.REOPENED);
    }
}
