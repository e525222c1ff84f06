package org.otklik.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

class LogHistogramTest {

    private static final double[] FRACTIONS = { 0.5, 0.9, 0.95, 0.99 };

    @Test
    void everyValueReadsBackWithinOnePercent() {
        for (double value = 1; value < 1e7; value *= 1.0037) {
            double read = LogHistogram.value(LogHistogram.bucket(value));
            assertThat(Math.abs(read - value) / value).as("value %s", value).isLessThanOrEqualTo((LogHistogram.GAMMA - 1) / (LogHistogram.GAMMA + 1) + 1e-12).isLessThan(0.01);
        }
        assertThat(LogHistogram.bucket(0)).isZero();
        assertThat(LogHistogram.bucket(0.99)).isZero();
        assertThat(LogHistogram.bucket(1)).isEqualTo(1);
        assertThat(LogHistogram.bucket(-5)).isZero();
        assertThat(LogHistogram.bucket(Double.NaN)).isZero();
        assertThat(LogHistogram.bucket(1e300)).isEqualTo(LogHistogram.MAX_BUCKET);
    }

    @Test
    void percentilesOfManyDistributionsWithinOnePercentOfExactValues() {
        Random random = new Random(30);
        List<DoubleSupplier> distributions = List.of(
                () -> 1 + random.nextDouble() * 600,                          // uniform minutes
                () -> Math.exp(2 + random.nextGaussian() * 1.5),             // log-normal, heavy tail
                () -> 1 - Math.log(1 - random.nextDouble()) * 900,           // exponential, a working week scale
                () -> random.nextInt(4) == 0 ? 1 + random.nextDouble() * 5 : 3000 + random.nextDouble() * 20000);
        for (DoubleSupplier distribution : distributions) {
            for (int size : new int[] { 1, 2, 3, 10, 101, 5000 }) {
                List<Double> values = new ArrayList<>();
                int[] histogram = null;
                for (int i = 0; i < size; i++) {
                    double value = distribution.getAsDouble();
                    values.add(value);
                    histogram = LogHistogram.add(histogram, LogHistogram.bucket(value), 1);
                }
                assertThat(LogHistogram.total(histogram)).isEqualTo(size);
                for (double fraction : FRACTIONS) {
                    double exact = StatsFixture.percentile(values, fraction);
                    double estimated = LogHistogram.percentile(histogram, fraction);
                    assertThat(Math.abs(estimated - exact) / exact).as("size %d, p%s", size, fraction)
                            .isLessThanOrEqualTo(0.01);
                }
            }
        }
    }

    @Test
    void mergedHistogramsGiveThePercentilesOfTheUnion() {
        Random random = new Random(7);
        List<Double> all = new ArrayList<>();
        int[] merged = null;
        for (int day = 0; day < 30; day++) {
            int[] ofDay = null;
            for (int i = 0; i < 1 + random.nextInt(50); i++) {
                double value = Math.exp(random.nextDouble() * 9);
                all.add(value);
                ofDay = LogHistogram.add(ofDay, LogHistogram.bucket(value), 1);
            }
            merged = LogHistogram.add(merged, ofDay);
        }
        for (double fraction : FRACTIONS) {
            double exact = StatsFixture.percentile(all, fraction);
            assertThat(Math.abs(LogHistogram.percentile(merged, fraction) - exact) / exact).isLessThanOrEqualTo(0.01);
        }
    }

    @Test
    void emptyAndRemovedValues() {
        assertThat(LogHistogram.percentile(null, 0.5)).isNull();
        int[] histogram = LogHistogram.add(null, LogHistogram.bucket(100), 1);
        histogram = LogHistogram.add(histogram, LogHistogram.bucket(100), -1);
        assertThat(LogHistogram.percentile(histogram, 0.5)).isNull();
        assertThat(LogHistogram.percentile(LogHistogram.add(null, 0, 3), 0.9)).isEqualTo(0.5);
        assertThat(LogHistogram.add(new int[] { 1, 2 }, new int[] { 3 })).containsExactly(4, 2);
    }
}
