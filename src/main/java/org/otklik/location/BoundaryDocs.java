package org.otklik.location;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of district boundaries for the contract; the service reads and writes them as JSON trees. */
final class BoundaryDocs {

    private BoundaryDocs() {
    }

    @Schema(name = "DistrictBoundaries", requiredProperties = { "type", "features" },
            description = "A GeoJSON FeatureCollection (RFC 7946) with one feature per district.")
    record Collection(
            @Schema(enumeration = "FeatureCollection") String type,
            @Schema(maxItems = 100) List<Feature> features) {
    }

    @Schema(name = "DistrictBoundary", requiredProperties = { "type", "properties", "geometry" })
    record Feature(
            @Schema(enumeration = "Feature") String type,
            @Schema(description = "Must name the district's code in `district`; other members are kept as given "
                    + "(the demo data says `approximate: true`).",
                    additionalProperties = Schema.True.class) Map<String, Object> properties,
            Geometry geometry) {
    }

    @Schema(name = "DistrictGeometry", requiredProperties = { "type", "coordinates" },
            description = "Polygon or MultiPolygon in WGS 84, [longitude, latitude]: rings closed and not self-intersecting, "
                    + "the first ring of a polygon its outline, the others its holes.")
    record Geometry(
            @Schema(enumeration = { "Polygon", "MultiPolygon" }) String type,
            @Schema(type = SchemaType.ARRAY, maxItems = 1000,
                    description = "Polygon: rings of positions; MultiPolygon: polygons of rings of positions") List<Object> coordinates) {
    }
}
