package org.otklik.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Hiding groups too small to publish, in public statistics and poll results alike. */
public final class SmallGroups {

    /** The groups shown, in the order given, and how many were hidden with how much in them together. */
    public record Shown<T>(List<T> groups, int hiddenGroups, long hiddenSize) {
    }

    private SmallGroups() {
    }

    /**
     * Hides every group smaller than {@code threshold}. While the hidden groups together are smaller than
     * the threshold, the smallest shown group is hidden too: otherwise subtracting the shown groups from
     * the total would reveal the small ones.
     *
     * @param largestFirst the groups ordered by size, largest first; of equal groups the later is hidden first
     */
    public static <T> Shown<T> hide(List<T> largestFirst, ToLongFunction<T> size, int threshold) {
        List<T> shown = new ArrayList<>(largestFirst.size());
        int hidden = 0;
        long hiddenSize = 0;
        for (T group : largestFirst) {
            long groupSize = size.applyAsLong(group);
            if (groupSize < threshold) {
                hidden++;
                hiddenSize += groupSize;
            } else {
                shown.add(group);
            }
        }
        while (hidden > 0 && hiddenSize < threshold && !shown.isEmpty()) {
            hiddenSize += size.applyAsLong(shown.remove(shown.size() - 1));
            hidden++;
        }
        return new Shown<>(List.copyOf(shown), hidden, hiddenSize);
    }
}
