package org.otklik.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@link PollState#sqlAt}, evaluated by PostgreSQL, says what {@link PollState#of} says for every status and moment. */
@QuarkusTest
class PollStateSqlTest {

    private static final Instant OPENS = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-05-08T20:00:00Z");
    private static final List<Instant> MOMENTS = List.of(OPENS.minusSeconds(1), OPENS, OPENS.plusSeconds(1),
            CLOSES.minusSeconds(1), CLOSES, CLOSES.plusSeconds(1));

    @Inject
    Pool pool;

    @Test
    void theSqlFormOfEachStateHoldsExactlyWhenThePollIsInThatState() {
        int compared = 0;
        for (PollStatus status : PollStatus.values()) {
            for (Instant at : MOMENTS) {
                PollState expected = PollState.of(status, OPENS, CLOSES, at);
                for (PollState state : PollState.values()) {
                    assertThat(holds(state.sqlAt("moment"), status, at))
                            .as("%s at %s with status %s", state, at, status)
                            .isEqualTo(state == expected);
                    compared++;
                }
                assertThat(holds(PollState.votingEndedSqlAt("moment"), status, at))
                        .as("voting ended at %s with status %s", at, status)
                        .isEqualTo(expected == PollState.CLOSED || expected == PollState.ARCHIVED);
            }
        }
        assertThat(compared).isEqualTo(PollStatus.values().length * MOMENTS.size() * PollState.values().length);
    }

    private boolean holds(String condition, PollStatus status, Instant at) {
        return pool.preparedQuery("select " + condition
                        + " from (select $1::text as status, $2::timestamptz as opens_at, $3::timestamptz as closes_at, $4::timestamptz as moment) poll")
                .execute(Tuple.of(status.name(), OPENS.atOffset(ZoneOffset.UTC), CLOSES.atOffset(ZoneOffset.UTC),
                        at.atOffset(ZoneOffset.UTC)))
                .await().indefinitely().iterator().next().getBoolean(0);
    }
}
