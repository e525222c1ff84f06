package org.otklik.location;

import java.util.List;
import java.util.Optional;

import org.otklik.location.DistrictShape.Polygon;
import org.otklik.location.DistrictShape.Ring;

/**
 * Finds the district of a point. A point inside one district (and not within a metre of its border) is in
 * that district; a point on a border or outside every district goes to the nearest district whose border is
 * within {@link #NEAREST_LIMIT_METRES}, and otherwise to none. Distances use a local flat projection around
 * the point, exact enough at city scale.
 */
public final class DistrictLocator {

    public static final double NEAREST_LIMIT_METRES = 200;
    static final double BORDER_METRES = 1;
    private static final double TIE_METRES = 0.01;
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public enum Source {
        /** The point lies inside the district. */
        INSIDE,
        /** The point lies on a border, or outside every district but near this one. */
        NEAREST
    }

    public record Match(String districtCode, Source source, double distanceMetres) {
    }

    private final List<DistrictShape> shapes;

    public DistrictLocator(List<DistrictShape> shapes) {
        this.shapes = List.copyOf(shapes);
    }

    public static DistrictLocator empty() {
        return new DistrictLocator(List.of());
    }

    public boolean isEmpty() {
        return shapes.isEmpty();
    }

    public Optional<Match> locate(double lat, double lon) {
        Projection projection = new Projection(lat, lon);
        Optional<Match> inside = Optional.empty();
        Match nearest = null;
        for (DistrictShape shape : shapes) {
            double distance = distanceToBorder(shape, projection);
            if (distance > BORDER_METRES && contains(shape, lat, lon)) {
                inside = Optional.of(new Match(shape.districtCode(), Source.INSIDE, 0));
            }
            if (distance <= NEAREST_LIMIT_METRES && (nearest == null || closer(distance, shape, nearest))) {
                nearest = new Match(shape.districtCode(), Source.NEAREST, distance);
            }
        }
        return inside.isPresent() ? inside : Optional.ofNullable(nearest);
    }

    /**
     * Distances within a centimetre tie (a point on a shared border), and a tie goes to the district whose code
     * sorts first, so that the answer is stable.
     */
    private static boolean closer(double distance, DistrictShape shape, Match best) {
        if (Math.abs(distance - best.distanceMetres()) < TIE_METRES) {
            return shape.districtCode().compareTo(best.districtCode()) < 0;
        }
        return distance < best.distanceMetres();
    }

    static boolean contains(DistrictShape shape, double lat, double lon) {
        for (Polygon polygon : shape.polygons()) {
            if (contains(polygon.outer(), lat, lon)
                    && polygon.holes().stream().noneMatch(hole -> contains(hole, lat, lon))) {
                return true;
            }
        }
        return false;
    }

    /** Even-odd ray casting towards the east. */
    static boolean contains(Ring ring, double lat, double lon) {
        double[] xs = ring.lons();
        double[] ys = ring.lats();
        boolean inside = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            if ((ys[i] > lat) != (ys[j] > lat)
                    && lon < (xs[j] - xs[i]) * (lat - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static double distanceToBorder(DistrictShape shape, Projection projection) {
        double best = Double.POSITIVE_INFINITY;
        for (Polygon polygon : shape.polygons()) {
            for (Ring ring : polygon.rings()) {
                best = Math.min(best, distanceToRing(ring, projection));
            }
        }
        return best;
    }

    private static double distanceToRing(Ring ring, Projection projection) {
        double best = Double.POSITIVE_INFINITY;
        double[] xs = ring.lons();
        double[] ys = ring.lats();
        for (int i = 1; i < ring.size(); i++) {
            best = Math.min(best, projection.distanceToSegment(xs[i - 1], ys[i - 1], xs[i], ys[i]));
        }
        return best;
    }

    /** Metres east and north of the point, on a plane tangent at it. */
    private record Projection(double lat, double lon, double metresPerDegreeLat, double metresPerDegreeLon) {

        Projection(double lat, double lon) {
            this(lat, lon, Math.toRadians(1) * EARTH_RADIUS_METRES,
                    Math.toRadians(1) * EARTH_RADIUS_METRES * Math.cos(Math.toRadians(lat)));
        }

        double distanceToSegment(double lon1, double lat1, double lon2, double lat2) {
            double x1 = (lon1 - lon) * metresPerDegreeLon;
            double y1 = (lat1 - lat) * metresPerDegreeLat;
            double x2 = (lon2 - lon) * metresPerDegreeLon;
            double y2 = (lat2 - lat) * metresPerDegreeLat;
            double dx = x2 - x1;
            double dy = y2 - y1;
            double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / lengthSquared));
            return Math.hypot(x1 + t * dx, y1 + t * dy);
        }
    }
}
