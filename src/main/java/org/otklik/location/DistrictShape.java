package org.otklik.location;

import java.util.List;

/**
 * A district's area: one or more polygons, each an outer ring followed by its holes. Coordinates are WGS 84
 * longitude and latitude in degrees; every ring is closed (its last position repeats the first).
 */
public record DistrictShape(String districtCode, List<Polygon> polygons) {

    public DistrictShape {
        polygons = List.copyOf(polygons);
    }

    public record Polygon(List<Ring> rings) {

        public Polygon {
            rings = List.copyOf(rings);
        }

        public Ring outer() {
            return rings.get(0);
        }

        public List<Ring> holes() {
            return rings.subList(1, rings.size());
        }
    }

    /** Parallel arrays of a closed ring's positions. */
    public record Ring(double[] lons, double[] lats) {

        public int size() {
            return lons.length;
        }
    }
}
