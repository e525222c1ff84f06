package org.otklik.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OverdueTest {

    private static final Instant FIRST_RESPONSE_DUE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant RESOLUTION_DUE = Instant.parse("2026-03-20T18:00:00Z");

    @Test
    void anOpenIncidentWithoutAResponseIsOverdueOnlyAfterItsFirstResponseDeadline() {
        assertThat(Overdue.isOverdue(true, FIRST_RESPONSE_DUE, RESOLUTION_DUE, null, FIRST_RESPONSE_DUE)).isFalse();
        assertThat(Overdue.isOverdue(true, FIRST_RESPONSE_DUE, RESOLUTION_DUE, null, FIRST_RESPONSE_DUE.plusMillis(1))).isTrue();
    }

    @Test
    void aResponseClearsTheFirstResponseDeadlineButNotTheResolutionOne() {
        Instant responded = FIRST_RESPONSE_DUE.plusSeconds(3600);
        assertThat(Overdue.isOverdue(true, FIRST_RESPONSE_DUE, RESOLUTION_DUE, responded, RESOLUTION_DUE)).isFalse();
        assertThat(Overdue.isOverdue(true, FIRST_RESPONSE_DUE, RESOLUTION_DUE, responded, RESOLUTION_DUE.plusMillis(1))).isTrue();
    }

    @Test
    void anIncidentNoLongerOpenIsNeverOverdue() {
        assertThat(Overdue.isOverdue(false, FIRST_RESPONSE_DUE, RESOLUTION_DUE, null, RESOLUTION_DUE.plusSeconds(86_400))).isFalse();
    }
}
