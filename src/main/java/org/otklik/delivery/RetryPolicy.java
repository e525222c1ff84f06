package org.otklik.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** When to try a failed delivery again, and what an HTTP status means for it. */
public class RetryPolicy {

    public static final List<Duration> DEFAULT_SCHEDULE = List.of(
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24));

    /** A receiver cannot hold a delivery back longer than this with Retry-After. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private static final double JITTER = 0.2;

    public enum Outcome {
        DELIVERED,
        RETRY,
        /** The receiver says it is gone for good: disable the subscriber. */
        GONE,
        /** The receiver refuses this request; sending it again would get the same answer. */
        REJECTED
    }

    private final List<Duration> schedule;
    private final RandomGenerator random;

    public RetryPolicy(List<Duration> schedule, RandomGenerator random) {
        if (schedule.isEmpty() || schedule.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("the retry schedule needs at least one positive delay");
        }
        this.schedule = List.copyOf(schedule);
        this.random = random;
    }

    /**
     * @param failedAttempts how many attempts have failed so far, including the one just made
     * @return when to try again, or empty when the schedule is used up and the delivery is dead
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant now, Optional<Duration> retryAfter) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts starts at 1, was " + failedAttempts);
        }
        if (failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        Duration base = schedule.get(failedAttempts - 1);
        double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
        Instant next = now.plusMillis(Math.round(base.toMillis() * factor));
        if (retryAfter.isPresent()) {
            Duration wanted = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            Instant notBefore = now.plus(wanted);
            if (notBefore.isAfter(next)) {
                next = notBefore;
            }
        }
        return Optional.of(next);
    }

    /** A Retry-After value: delay-seconds or an IMF-fixdate (RFC 9110 section 10.2.3). */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d+")) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLarge) {
                return Optional.of(MAX_RETRY_AFTER);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Optional.empty() : Optional.of(wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Outcome classify(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        if (status == 410) {
            return Outcome.GONE;
        }
        if (status == 408 || status == 425 || status == 429) {
            return Outcome.RETRY;
        }
        if (status >= 400 && status < 500) {
            return Outcome.REJECTED;
        }
        // 5xx, and anything a receiver should not answer (1xx, a redirect we do not follow): try again later
        return Outcome.RETRY;
    }
}
