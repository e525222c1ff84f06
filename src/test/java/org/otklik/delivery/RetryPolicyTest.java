package org.otklik.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.otklik.delivery.RetryPolicy.Outcome;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** A generator whose nextDouble is always the given value, to hit the exact bounds of the jitter. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static Instant next(RetryPolicy policy, int failedAttempts) {
        return policy.nextAttempt(failedAttempts, NOW, Optional.empty()).orElseThrow();
    }

    @Test
    void theDefaultScheduleIsTheOneTheIssueAsksFor() {
        assertThat(RetryPolicy.DEFAULT_SCHEDULE).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6),
                Duration.ofHours(24));
    }

    @Test
    void withoutJitterEachFailureWaitsItsScheduledDelay() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.5));

        for (int failed = 1; failed <= RetryPolicy.DEFAULT_SCHEDULE.size(); failed++) {
            assertThat(next(policy, failed)).isEqualTo(NOW.plus(RetryPolicy.DEFAULT_SCHEDULE.get(failed - 1)));
        }
    }

    @Test
    void jitterReachesTwentyPercentBelow() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.0));

        assertThat(next(policy, 1)).isEqualTo(NOW.plusSeconds(4));
        assertThat(next(policy, 7)).isEqualTo(NOW.plus(Duration.ofHours(24).multipliedBy(8).dividedBy(10)));
    }

    @Test
    void jitterStaysBelowTwentyPercentAbove() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(Math.nextDown(1.0)));

        assertThat(next(policy, 1)).isEqualTo(NOW.plusSeconds(6));
        assertThat(next(policy, 2)).isEqualTo(NOW.plusSeconds(36));
    }

    @Test
    void aSeededGeneratorSpreadsRetriesWithinTheBoundsAndOnBothSides() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, new SplittableRandom(42));
        Duration base = Duration.ofMinutes(10);
        boolean below = false;
        boolean above = false;

        for (int i = 0; i < 1000; i++) {
            Duration wait = Duration.between(NOW, next(policy, 4));
            assertThat(wait).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
            below |= wait.compareTo(base) < 0;
            above |= wait.compareTo(base) > 0;
        }
        assertThat(below).isTrue();
        assertThat(above).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameRetries() {
        RetryPolicy first = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, new SplittableRandom(7));
        RetryPolicy second = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, new SplittableRandom(7));

        assertThat(next(first, 3)).isEqualTo(next(second, 3));
    }

    @Test
    void afterTheLastScheduledRetryFailsTheDeliveryIsDead() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.5));

        assertThat(policy.nextAttempt(7, NOW, Optional.empty())).isPresent();
        assertThat(policy.nextAttempt(8, NOW, Optional.empty())).isEmpty();
        assertThat(policy.nextAttempt(8, NOW, Optional.of(Duration.ofSeconds(1)))).isEmpty();
        assertThat(new RetryPolicy(List.of(Duration.ofSeconds(1)), fixed(0.5)).nextAttempt(2, NOW, Optional.empty()))
                .isEmpty();
    }

    @Test
    void attemptsAreCountedFromOne() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.5));

        assertThatThrownBy(() -> policy.nextAttempt(0, NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScheduleNeedsPositiveDelays() {
        assertThatThrownBy(() -> new RetryPolicy(List.of(), fixed(0.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ZERO), fixed(0.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofSeconds(-1)), fixed(0.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRetryAfterOfExactlyADayIsKept() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.0));

        assertThat(policy.nextAttempt(1, NOW, Optional.of(RetryPolicy.MAX_RETRY_AFTER))).contains(NOW.plus(Duration.ofDays(1)));
        assertThat(policy.nextAttempt(1, NOW, Optional.of(Duration.ofDays(1).plusMillis(1)))).contains(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aLongerRetryAfterBeatsTheSchedule() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(Math.nextDown(1.0)));

        assertThat(policy.nextAttempt(1, NOW, Optional.of(Duration.ofSeconds(120))))
                .contains(NOW.plusSeconds(120));
    }

    @Test
    void aShorterRetryAfterDoesNotHurryTheSchedule() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.5));

        assertThat(policy.nextAttempt(3, NOW, Optional.of(Duration.ofSeconds(1)))).contains(NOW.plusSeconds(120));
    }

    @Test
    void retryAfterIsCappedAtADay() {
        RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_SCHEDULE, fixed(0.0));

        assertThat(policy.nextAttempt(1, NOW, Optional.of(Duration.ofDays(30)))).contains(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void retryAfterInDelaySeconds() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", NOW)).contains(RetryPolicy.MAX_RETRY_AFTER);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter("Mon, 02 Mar 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryPolicy.parseRetryAfter("Mon, 02 Mar 2026 10:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterInThePastNegativeOrInvalidIsIgnored() {
        assertThat(RetryPolicy.parseRetryAfter("Sun, 01 Mar 2026 10:00:00 GMT", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("1.5", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("2026-03-02T10:05:00Z", NOW)).isEmpty();
    }

    @Test
    void successfulStatusesAreDelivered() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            assertThat(RetryPolicy.classify(status)).as("status %d", status).isEqualTo(Outcome.DELIVERED);
        }
    }

    @Test
    void goneDisablesTheSubscriber() {
        assertThat(RetryPolicy.classify(410)).isEqualTo(Outcome.GONE);
    }

    @Test
    void transientStatusesAreRetried() {
        for (int status : new int[] {408, 425, 429, 500, 502, 503, 504, 599}) {
            assertThat(RetryPolicy.classify(status)).as("status %d", status).isEqualTo(Outcome.RETRY);
        }
    }

    @Test
    void unexpectedStatusesAreRetried() {
        for (int status : new int[] {100, 199, 301, 302, 304, 307, 308, 600, 0}) {
            assertThat(RetryPolicy.classify(status)).as("status %d", status).isEqualTo(Outcome.RETRY);
        }
    }

    @Test
    void otherClientErrorsAreRejected() {
        for (int status : new int[] {400, 401, 403, 404, 405, 409, 413, 415, 422, 499}) {
            assertThat(RetryPolicy.classify(status)).as("status %d", status).isEqualTo(Outcome.REJECTED);
        }
    }
}
