package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private static final String DEAD = "https://dead.example.org:443";
    private static final String ALIVE = "https://alive.example.org:443";
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration OPEN_FOR = Duration.ofMinutes(1);

    private final CircuitBreakers breakers = new CircuitBreakers(3, OPEN_FOR);

    private void fail(String key, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            breakers.recordFailure(key, at);
        }
    }

    /** Opens DEAD at T0 and lets its half-open trial through at T0 + OPEN_FOR. */
    private void startTrial() {
        fail(DEAD, 3, T0);
        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR))).isTrue();
    }

    @Test
    void anUnknownDestinationIsAllowed() {
        assertThat(breakers.allows(ALIVE, T0)).isTrue();
        assertThat(breakers.allows(ALIVE, T0)).isTrue();
    }

    @Test
    void failuresBelowTheThresholdKeepTheCircuitClosed() {
        fail(DEAD, 2, T0);

        assertThat(breakers.allows(DEAD, T0)).isTrue();
        assertThat(breakers.allows(DEAD, T0)).isTrue();
    }

    @Test
    void theThresholdOfConsecutiveFailuresOpensTheCircuit() {
        fail(DEAD, 3, T0);

        assertThat(breakers.allows(DEAD, T0)).isFalse();
        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR).minusMillis(1))).isFalse();
    }

    @Test
    void aSuccessResetsTheCountOfConsecutiveFailures() {
        fail(DEAD, 2, T0);
        breakers.recordSuccess(DEAD);
        fail(DEAD, 2, T0);

        assertThat(breakers.allows(DEAD, T0)).isTrue();
        breakers.recordFailure(DEAD, T0);
        assertThat(breakers.allows(DEAD, T0)).isFalse();
    }

    @Test
    void anOpenCircuitDoesNotAffectOtherDestinations() {
        fail(DEAD, 3, T0);

        assertThat(breakers.allows(ALIVE, T0)).isTrue();
    }

    @Test
    void afterOpenForExactlyOneTrialIsLetThrough() {
        startTrial();

        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR))).isFalse();
        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR).plusSeconds(30))).isFalse();
    }

    @Test
    void aSuccessfulTrialClosesTheCircuit() {
        startTrial();
        breakers.recordSuccess(DEAD);

        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR))).isTrue();
        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR))).isTrue();
        fail(DEAD, 2, T0.plus(OPEN_FOR));
        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR))).as("the count starts again from zero").isTrue();
    }

    @Test
    void aFailedTrialOpensTheCircuitAgainForOpenFor() {
        startTrial();
        Instant trialFailedAt = T0.plus(OPEN_FOR).plusSeconds(2);
        breakers.recordFailure(DEAD, trialFailedAt);

        assertThat(breakers.allows(DEAD, trialFailedAt)).isFalse();
        assertThat(breakers.allows(DEAD, trialFailedAt.plus(OPEN_FOR).minusMillis(1))).isFalse();
        assertThat(breakers.allows(DEAD, trialFailedAt.plus(OPEN_FOR))).isTrue();
        assertThat(breakers.allows(DEAD, trialFailedAt.plus(OPEN_FOR))).isFalse();
    }

    @Test
    void aTrialThatNeverReportsIsGivenUpAfterOpenFor() {
        startTrial();

        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR.multipliedBy(2)).minusMillis(1))).isFalse();
        assertThat(breakers.allows(DEAD, T0.plus(OPEN_FOR.multipliedBy(2)))).isTrue();
    }

    @Test
    void aSuccessWhileOpenClosesTheCircuit() {
        fail(DEAD, 3, T0);
        breakers.recordSuccess(DEAD);

        assertThat(breakers.allows(DEAD, T0)).isTrue();
    }

    @Test
    void aThresholdOfOneOpensOnTheFirstFailure() {
        CircuitBreakers touchy = new CircuitBreakers(1, OPEN_FOR);
        touchy.recordFailure(DEAD, T0);

        assertThat(touchy.allows(DEAD, T0)).isFalse();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new CircuitBreakers(0, OPEN_FOR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakers(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersInHalfOpenGetOnlyOneTrial() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String key = DEAD + "/" + round;
                fail(key, 3, T0);
                Instant halfOpen = T0.plus(OPEN_FOR);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<Boolean> ask = () -> {
                        start.await();
                        return breakers.allows(key, halfOpen);
                    };
                    answers.add(pool.submit(ask));
                }
                start.countDown();
                int allowed = 0;
                for (Future<Boolean> answer : answers) {
                    allowed += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(allowed).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
