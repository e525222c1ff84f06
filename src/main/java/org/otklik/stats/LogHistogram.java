package org.otklik.stats;

import java.util.Arrays;

/**
 * A mergeable distribution of non-negative durations (working minutes) in fixed logarithmic buckets, as
 * DDSketch keeps them: bucket 0 holds [0, 1), bucket k ≥ 1 holds [γ^(k-1), γ^k) with γ = 1.02. A value is
 * read back as 2γ^k / (1 + γ), the point of its bucket whose relative distance to both ends is the same,
 * (γ − 1) / (γ + 1) = 0.99 %; a value under one minute is read back as half a minute (the reports show
 * hours to two decimals, 0.6 minutes). Histograms merge by adding counts bucket by bucket, so a day's,
 * a month's and a year's distributions are sums of the days'.
 *
 * <p>A percentile is interpolated between the two closest ranks as PostgreSQL's {@code percentile_cont};
 * each rank's value is off by at most 0.99 % of itself, and so is any weighted mean of two of them.
 */
public final class LogHistogram {

    static final double GAMMA = 1.02;
    /** The last bucket holds everything from 1.02^1999 minutes (about 10^17) on. */
    static final int MAX_BUCKET = 2000;
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private LogHistogram() {
    }

    static int bucket(double minutes) {
        if (!(minutes >= 1)) {
            return 0;
        }
        return (int) Math.min(MAX_BUCKET, 1 + Math.floor(Math.log(minutes) / LOG_GAMMA));
    }

    /** The SQL of {@link #bucket(double)} for an expression in minutes, with the last bucket as SQL. */
    static String bucketSql(String minutes, String maxBucket) {
        return "case when " + minutes + " < 1 then 0 else least(1 + floor(ln(" + minutes + ") / ln(" + GAMMA
                + "))::int, " + maxBucket + ") end";
    }

    static double value(int bucket) {
        if (bucket == 0) {
            return 0.5;
        }
        return 2 * Math.pow(GAMMA, bucket) / (1 + GAMMA);
    }

    static long total(int[] counts) {
        long total = 0;
        if (counts != null) {
            for (int count : counts) {
                total += count;
            }
        }
        return total;
    }

    /** The sum of two histograms (either may be null: empty); a new array, or one of the arguments. */
    static int[] add(int[] a, int[] b) {
        if (a == null) {
            return b == null ? null : b.clone();
        }
        if (b == null) {
            return a.clone();
        }
        int[] sum = new int[Math.max(a.length, b.length)];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
        }
        return sum;
    }

    /** Adds {@code count} to a bucket, growing the array as needed. */
    static int[] add(int[] counts, int bucket, int count) {
        int[] grown = counts == null ? new int[bucket + 1]
                : counts.length <= bucket ? java.util.Arrays.copyOf(counts, bucket + 1) : counts;
        grown[bucket] += count;
        return grown;
    }

    /** The continuous percentile {@code fraction} (0–1) of the counted values; null when none were counted. */
    static Double percentile(int[] counts, double fraction) {
        long total = total(counts);
        if (total <= 0) {
            return null;
        }
        double position = fraction * (total - 1);
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        double low = value(bucketOfRank(counts, lower));
        double high = value(bucketOfRank(counts, upper));
        return low + (high - low) * (position - lower);
    }

    /** The bucket of the value of rank {@code rank} (0 is the smallest). */
    private static int bucketOfRank(int[] counts, long rank) {
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen > rank) {
                return bucket;
            }
        }
        return counts.length - 1;
    }

    /** The counts as stored (an int[] column; null stays null). */
    static Integer[] stored(int[] counts) {
        return counts == null ? null : Arrays.stream(counts).boxed().toArray(Integer[]::new);
    }

    /** The counts as read from their column. */
    static int[] read(Integer[] counts) {
        return counts == null ? null : Arrays.stream(counts).mapToInt(Integer::intValue).toArray();
    }
}
