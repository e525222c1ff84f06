package org.otklik.stats;

import java.util.List;

/**
 * A year's incidents per month, each month split into series: the year's top topics, then all others.
 * {@code months.get(m).get(s)} is the count of series {@code s} in month {@code m} (0 = January).
 */
record MonthlyChart(int year, List<String> series, List<List<Long>> months) {

    long total(int month) {
        return months.get(month).stream().mapToLong(Long::longValue).sum();
    }
}
