package org.otklik.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A point as it may be shown publicly: rounded to 0.001° (about 110 m north–south, 65 m east–west at
 * Samara's latitude), so that a public point names a block, never a doorway. Every public view that
 * carries a resident's point goes through here.
 */
public final class PublicCoordinates {

    /** Decimal places kept. */
    public static final int DECIMALS = 3;

    private PublicCoordinates() {
    }

    /** The rounded coordinate, or null for none. */
    public static BigDecimal round(Double coordinate) {
        return coordinate == null || !Double.isFinite(coordinate) ? null
                : BigDecimal.valueOf(coordinate).setScale(DECIMALS, RoundingMode.HALF_EVEN);
    }
}
