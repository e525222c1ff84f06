package org.otklik.location;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tests' own district shapes: the nine districts as a 3 × 3 grid of 0.01° squares from (lon 10.00,
 * lat 20.00), row by row; the middle square ({@link #HOLED}) has a 0.006° hole in its centre.
 */
final class TestBoundaries {

    static final List<String> DISTRICTS = List.of("zheleznodorozhny", "kirovsky", "krasnoglinsky", "kuibyshevsky",
            "leninsky", "oktyabrsky", "promyshlenny", "samarsky", "sovetsky");
    static final String HOLED = DISTRICTS.get(4);
    static final double LON0 = 10.00;
    static final double LAT0 = 20.00;
    static final double CELL = 0.01;

    private TestBoundaries() {
    }

    static List<List<Double>> square(double lon, double lat, double size) {
        return List.of(List.of(lon, lat), List.of(lon + size, lat), List.of(lon + size, lat + size), List.of(lon, lat + size),
                List.of(lon, lat));
    }

    static Map<String, Object> feature(String district, Map<String, Object> geometry) {
        return Map.of("type", "Feature", "properties", Map.of("district", district, "approximate", true), "geometry", geometry);
    }

    static Map<String, Object> polygon(List<?>... rings) {
        return Map.of("type", "Polygon", "coordinates", List.of(rings));
    }

    static List<Map<String, Object>> gridFeatures() {
        return gridFeatures(LON0, LAT0, CELL);
    }

    /** The same grid from another corner with another cell size; the hole spans the middle 60 % of its cell. */
    static List<Map<String, Object>> gridFeatures(double lon0, double lat0, double cell) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (int k = 0; k < DISTRICTS.size(); k++) {
            double lon = lon0 + (k % 3) * cell;
            double lat = lat0 + (k / 3) * cell;
            List<List<Double>> outer = square(lon, lat, cell);
            features.add(k == 4
                    ? feature(DISTRICTS.get(k), polygon(outer, square(lon + 0.2 * cell, lat + 0.2 * cell, 0.6 * cell)))
                    : feature(DISTRICTS.get(k), polygon(outer)));
        }
        return features;
    }

    static Map<String, Object> collection(List<Map<String, Object>> features) {
        return Map.of("type", "FeatureCollection", "features", features);
    }

    static ObjectNode grid() {
        return new ObjectMapper().valueToTree(collection(gridFeatures()));
    }
}
