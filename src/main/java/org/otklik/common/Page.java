package org.otklik.common;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a keyset-paged list; {@code nextCursor} is null on the last page. */
public record Page<T>(
        List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
