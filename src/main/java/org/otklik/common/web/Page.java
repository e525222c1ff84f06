package org.otklik.common.web;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a keyset-paged list; {@code nextCursor} is null on the last page. */
public record Page<T>(
        List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * The page out of rows fetched with {@code limit + 1}: the extra row, when there is one, only
     * tells that more follow, and the cursor points after the last row kept.
     */
    public static <R, T> Page<T> of(List<R> fetched, int limit, Function<R, KeysetCursor> keyOf, Function<R, T> view) {
        List<R> kept = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
        String next = fetched.size() > limit ? keyOf.apply(kept.get(kept.size() - 1)).encode() : null;
        return new Page<>(kept.stream().map(view).toList(), next);
    }

    public <U> Page<U> map(Function<T, U> view) {
        return new Page<>(items.stream().map(view).toList(), nextCursor);
    }
}
