package org.otklik.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place where a resident's point becomes public: coordinates rounded to 0.001° (about 110 m north–south,
 * 65 m east–west at Samara's latitude), so that a public point names a block, never a doorway; and distances
 * measured to the rounded point, so that no public answer (map, nearby search, Open311) tells more about where a
 * resident stood than the rounded point does. Every public view that carries a point goes through here.
 */
public final class PublicCoordinates {

    /** Decimal places kept. */
    public static final int DECIMALS = 3;
    /** How far a rounded point can lie from the exact one: half a step of latitude and of longitude, under 80 m. */
    public static final double MAX_SHIFT_METRES = 80;
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private PublicCoordinates() {
    }

    /** A public point. */
    public record Point(double lat, double lon) {
    }

    /** The rounded coordinate, or null for none. */
    public static BigDecimal round(Double coordinate) {
        return coordinate == null || !Double.isFinite(coordinate) ? null
                : BigDecimal.valueOf(coordinate).setScale(DECIMALS, RoundingMode.HALF_UP);
    }

    public static Point rounded(double lat, double lon) {
        return new Point(round(lat).doubleValue(), round(lon).doubleValue());
    }

    /** Great-circle distance (haversine) in metres. */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** A public distance: to the rounded point, in whole tens of metres. */
    public static int publicDistance(double fromLat, double fromLon, Point rounded) {
        return (int) (Math.round(metres(fromLat, fromLon, rounded.lat(), rounded.lon()) / 10) * 10);
    }
}
