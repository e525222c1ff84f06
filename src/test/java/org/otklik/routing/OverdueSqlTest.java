package org.otklik.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL forms of {@link Overdue}, evaluated by PostgreSQL, say what its Java form says. */
@QuarkusTest
class OverdueSqlTest {

    private static final Instant FIRST_RESPONSE_DUE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant RESOLUTION_DUE = Instant.parse("2026-03-20T18:00:00Z");
    private static final List<Instant> MOMENTS = List.of(FIRST_RESPONSE_DUE.minusSeconds(1), FIRST_RESPONSE_DUE,
            FIRST_RESPONSE_DUE.plusSeconds(1), RESOLUTION_DUE, RESOLUTION_DUE.plusSeconds(1));
    private static final List<String> STATUSES = List.of("NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED", "ANSWERED",
            "CLOSED", "REJECTED", "DUPLICATE");
    private static final List<Instant> RESPONSES = Arrays.asList(null, FIRST_RESPONSE_DUE.minusSeconds(60));

    @Inject
    Pool pool;

    @Test
    void theSqlAndTheJavaFormsAgreeForEveryStatusResponseAndMoment() {
        int compared = 0;
        for (String status : STATUSES) {
            boolean open = List.of("NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED").contains(status);
            for (Instant responded : RESPONSES) {
                for (Instant at : MOMENTS) {
                    String what = status + ", responded " + responded + ", at " + at;
                    assertThat(holds(Overdue.sqlAt("moment"), status, responded, at)).as(what)
                            .isEqualTo(Overdue.isOverdue(open, FIRST_RESPONSE_DUE, RESOLUTION_DUE, responded, at));
                    assertThat(holds(Overdue.pastResolutionDueSqlAt("moment"), status, responded, at)).as(what)
                            .isEqualTo(Overdue.pastResolutionDue(RESOLUTION_DUE, at));
                    assertThat(holds(Overdue.firstResponseMissedSqlAt("moment"), status, responded, at)).as(what)
                            .isEqualTo(Overdue.firstResponseMissed(FIRST_RESPONSE_DUE, responded, at));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(STATUSES.size() * RESPONSES.size() * MOMENTS.size());
    }

    private boolean holds(String condition, String status, Instant responded, Instant at) {
        return pool.preparedQuery("select " + condition + " from (select $1::text as status, $2::timestamptz as first_response_due,"
                        + " $3::timestamptz as resolution_due, $4::timestamptz as first_responded_at, $5::timestamptz as moment) incident")
                .execute(Tuple.tuple(Arrays.asList(status, utc(FIRST_RESPONSE_DUE), utc(RESOLUTION_DUE), utc(responded), utc(at))))
                .await().indefinitely().iterator().next().getBoolean(0);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
