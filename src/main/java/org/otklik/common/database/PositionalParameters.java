package org.otklik.common.database;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** The parameters of one pool statement built from optional filters: each value added gets the next {@code $n}. */
public final class PositionalParameters {

    private final List<Object> values = new ArrayList<>();

    /** @return the placeholder to write in the SQL for this value */
    public String add(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    public Tuple tuple() {
        return Tuple.from(values);
    }
}
