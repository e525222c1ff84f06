package org.otklik.location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.otklik.common.problem.ProblemException;
import org.otklik.location.DistrictShape.Polygon;
import org.otklik.location.DistrictShape.Ring;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads district boundaries from a GeoJSON FeatureCollection (RFC 7946): one feature per district, named by
 * its {@code district} property, with a Polygon or MultiPolygon geometry of closed, non-self-intersecting
 * rings in WGS 84. Every known district must be covered exactly once. The first fault is refused as a
 * validation problem whose pointer and detail name the feature.
 */
public final class BoundaryValidator {

    /** Bounds the quadratic self-intersection check. */
    static final int MAX_RING_POSITIONS = 5_000;

    private final Set<String> districtCodes;

    public BoundaryValidator(Set<String> districtCodes) {
        this.districtCodes = Set.copyOf(districtCodes);
    }

    public List<DistrictShape> read(JsonNode collection) {
        if (collection == null || !collection.isObject() || !"FeatureCollection".equals(collection.path("type").asText(null))) {
            throw ProblemException.invalidField("/type", "The body must be a GeoJSON FeatureCollection.");
        }
        JsonNode features = collection.get("features");
        if (features == null || !features.isArray()) {
            throw ProblemException.invalidField("/features", "A FeatureCollection needs a features array.");
        }
        Map<String, Integer> featureOf = new LinkedHashMap<>();
        List<DistrictShape> shapes = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            DistrictShape shape = feature(features.get(i), i);
            Integer earlier = featureOf.putIfAbsent(shape.districtCode(), i);
            if (earlier != null) {
                throw fault(i, shape.districtCode(), "/properties/district",
                        "covers the district already covered by feature " + earlier);
            }
            shapes.add(shape);
        }
        Set<String> missing = new TreeSet<>(districtCodes);
        missing.removeAll(featureOf.keySet());
        if (!missing.isEmpty()) {
            throw ProblemException.invalidField("/features", "No feature covers the districts " + String.join(", ", missing) + ".");
        }
        return shapes;
    }

    private DistrictShape feature(JsonNode feature, int index) {
        String code = feature.path("properties").path("district").asText(null);
        if (!"Feature".equals(feature.path("type").asText(null))) {
            throw fault(index, code, "/type", "is not a GeoJSON Feature");
        }
        if (code == null || !feature.path("properties").path("district").isTextual()) {
            throw fault(index, null, "/properties/district", "has no district property naming the district's code");
        }
        if (!districtCodes.contains(code)) {
            throw fault(index, code, "/properties/district", "names an unknown district");
        }
        JsonNode geometry = feature.path("geometry");
        String type = geometry.path("type").asText("");
        JsonNode coordinates = geometry.path("coordinates");
        List<Polygon> polygons = new ArrayList<>();
        if ("Polygon".equals(type)) {
            polygons.add(polygon(coordinates, index, code, "/geometry/coordinates"));
        } else if ("MultiPolygon".equals(type) && coordinates.isArray() && !coordinates.isEmpty()) {
            for (int p = 0; p < coordinates.size(); p++) {
                polygons.add(polygon(coordinates.get(p), index, code, "/geometry/coordinates/" + p));
            }
        } else {
            throw fault(index, code, "/geometry", "needs a Polygon or MultiPolygon geometry with coordinates");
        }
        return new DistrictShape(code, polygons);
    }

    private Polygon polygon(JsonNode rings, int index, String code, String pointer) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw fault(index, code, pointer, "has a polygon without rings");
        }
        List<Ring> read = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            read.add(ring(rings.get(r), index, code, pointer + "/" + r));
        }
        Ring outer = read.get(0);
        for (int h = 1; h < read.size(); h++) {
            Ring hole = read.get(h);
            if (!DistrictLocator.contains(outer, hole.lats()[0], hole.lons()[0])) {
                throw fault(index, code, pointer + "/" + h, "has a hole outside its outer ring");
            }
        }
        return new Polygon(read);
    }

    private Ring ring(JsonNode positions, int index, String code, String pointer) {
        if (!positions.isArray() || positions.size() < 4) {
            throw fault(index, code, pointer, "has a ring of fewer than four positions");
        }
        if (positions.size() > MAX_RING_POSITIONS) {
            throw fault(index, code, pointer, "has a ring of more than " + MAX_RING_POSITIONS + " positions");
        }
        int n = positions.size();
        double[] lons = new double[n];
        double[] lats = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode position = positions.get(i);
            if (!position.isArray() || position.size() < 2 || position.size() > 3
                    || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw fault(index, code, pointer + "/" + i, "has a position that is not [longitude, latitude]");
            }
            lons[i] = position.get(0).doubleValue();
            lats[i] = position.get(1).doubleValue();
            if (lons[i] < -180 || lons[i] > 180 || lats[i] < -90 || lats[i] > 90) {
                throw fault(index, code, pointer + "/" + i, "has a position outside WGS 84 (longitude first, then latitude)");
            }
        }
        if (lons[0] != lons[n - 1] || lats[0] != lats[n - 1]) {
            throw fault(index, code, pointer, "has a ring that is not closed (its last position must repeat the first)");
        }
        int crossing = selfIntersection(lons, lats);
        if (crossing >= 0) {
            throw fault(index, code, pointer + "/" + crossing, "has a self-intersecting ring");
        }
        return new Ring(lons, lats);
    }

    /** The index of a position starting a segment that meets a non-adjacent segment, or -1. */
    static int selfIntersection(double[] xs, double[] ys) {
        int segments = xs.length - 1;
        for (int a = 0; a < segments; a++) {
            if (xs[a] == xs[a + 1] && ys[a] == ys[a + 1]) {
                return a;
            }
            for (int b = a + 1; b < segments; b++) {
                boolean adjacent = b == a + 1 || (a == 0 && b == segments - 1);
                if (adjacent ? overlapsAdjacent(xs, ys, a, b) : intersects(xs, ys, a, b)) {
                    return b;
                }
            }
        }
        return -1;
    }

    /** Adjacent segments share one end; they fault only when they fold back over each other. */
    private static boolean overlapsAdjacent(double[] xs, double[] ys, int a, int b) {
        int shared = b == a + 1 ? a + 1 : a;
        int p = shared == a + 1 ? a : a + 1;
        int q = shared == a + 1 ? b + 1 : b;
        double cross = (xs[p] - xs[shared]) * (ys[q] - ys[shared]) - (ys[p] - ys[shared]) * (xs[q] - xs[shared]);
        double dot = (xs[p] - xs[shared]) * (xs[q] - xs[shared]) + (ys[p] - ys[shared]) * (ys[q] - ys[shared]);
        return cross == 0 && dot > 0;
    }

    private static boolean intersects(double[] xs, double[] ys, int a, int b) {
        double d1 = orientation(xs[b], ys[b], xs[b + 1], ys[b + 1], xs[a], ys[a]);
        double d2 = orientation(xs[b], ys[b], xs[b + 1], ys[b + 1], xs[a + 1], ys[a + 1]);
        double d3 = orientation(xs[a], ys[a], xs[a + 1], ys[a + 1], xs[b], ys[b]);
        double d4 = orientation(xs[a], ys[a], xs[a + 1], ys[a + 1], xs[b + 1], ys[b + 1]);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(xs[b], ys[b], xs[b + 1], ys[b + 1], xs[a], ys[a]))
                || (d2 == 0 && onSegment(xs[b], ys[b], xs[b + 1], ys[b + 1], xs[a + 1], ys[a + 1]))
                || (d3 == 0 && onSegment(xs[a], ys[a], xs[a + 1], ys[a + 1], xs[b], ys[b]))
                || (d4 == 0 && onSegment(xs[a], ys[a], xs[a + 1], ys[a + 1], xs[b + 1], ys[b + 1]));
    }

    private static double orientation(double ax, double ay, double bx, double by, double cx, double cy) {
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    private static boolean onSegment(double ax, double ay, double bx, double by, double px, double py) {
        return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
    }

    private static ProblemException fault(int index, String code, String pointer, String what) {
        String feature = "Feature " + index + (code == null ? "" : " (district " + code + ")");
        return ProblemException.invalidField("/features/" + index + pointer, feature + " " + what + ".");
    }
}
