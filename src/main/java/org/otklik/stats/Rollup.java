package org.otklik.stats;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The mergeable figures of the incidents received on a day (or in a month) in one group: counters and histograms. */
final class Rollup {

    /** The counters in the order of their stats_rollup columns, each with the SQL condition an incident counts under. */
    enum Counter {
        RECEIVED("not is_support"),
        CASES("is_case"),
        FR_ON_TIME("is_case and first_responded_at <= first_response_due"),
        FR_LATE("is_case and first_responded_at > first_response_due"),
        FR_PENDING("is_case and first_responded_at is null"),
        RES_ON_TIME("is_case and not is_open and coalesce(answered_at, closed_at) <= resolution_due"),
        RES_LATE("is_case and not is_open and coalesce(answered_at, closed_at, 'infinity') > resolution_due"),
        RES_PENDING("is_case and is_open"),
        ANSWERED("is_case and answered_at is not null"),
        ANSWERED_ONCE("is_case and (answered_at is not null or reopen_count > 0)"),
        REOPENED("is_case and reopen_count > 0"),
        RATED("is_case and rating_accepted is not null"),
        ACCEPTED("is_case and rating_accepted"),
        SUPPORTERS("is_support");

        final String condition;

        Counter(String condition) {
            this.condition = condition;
        }

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static String columns(String prefix) {
            return Arrays.stream(values()).map(c -> prefix + c.column()).collect(Collectors.joining(", "));
        }
    }

    final long[] counts = new long[Counter.values().length];
    int[] firstResponseHistogram;
    int[] answerHistogram;

    long get(Counter counter) {
        return counts[counter.ordinal()];
    }

    Rollup add(Rollup other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        firstResponseHistogram = LogHistogram.add(firstResponseHistogram, other.firstResponseHistogram);
        answerHistogram = LogHistogram.add(answerHistogram, other.answerHistogram);
        return this;
    }
}
