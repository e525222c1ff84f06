package org.otklik.common.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * A page read as ids through the pool, whose entities are then loaded in a Hibernate session: the ids of
 * the rows in their order, and the loaded entities put back in that order.
 */
public final class OrderedIds {

    private OrderedIds() {
    }

    /** The {@code id} column of every row, in order. */
    public static List<Long> of(RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(row.getLong("id")));
        return ids;
    }

    /** The {@code id} column of every row, in order, for tables keyed by UUID. */
    public static List<UUID> uuids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }

    /** The entities in the order of {@code ids}; an id without an entity is left out. */
    public static <T, K> List<T> inOrderOf(List<K> ids, List<T> found, Function<T, K> idOf) {
        Map<K, T> byId = new HashMap<>();
        found.forEach(entity -> byId.put(idOf.apply(entity), entity));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
