package org.otklik.open311;

import java.util.ArrayList;
import java.util.List;

/** How {@link Open311Repository} reads the values of its native statements' rows. */
final class Open311Rows {

    private Open311Rows() {
    }

    static Object single(Object row) {
        return row instanceof Object[] array ? array[0] : row;
    }

    static List<Object[]> asRows(List<?> result) {
        List<Object[]> rows = new ArrayList<>(result.size());
        for (Object row : result) {
            rows.add(row instanceof Object[] array ? array : new Object[] { row });
        }
        return rows;
    }

}
