package org.otklik.location;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of the public map for the contract; the service writes it as a JSON tree. */
final class MapDocs {

    private MapDocs() {
    }

    @Schema(name = "IncidentMap", requiredProperties = { "type", "features" }, description = "A GeoJSON FeatureCollection (RFC 7946)")
    record Collection(@Schema(enumeration = "FeatureCollection") String type, @Schema(maxItems = 2000) List<Feature> features) {
    }

    @Schema(name = "IncidentMapFeature", requiredProperties = { "type", "geometry", "properties" })
    record Feature(@Schema(enumeration = "Feature") String type, Point geometry, Properties properties) {
    }

    @Schema(name = "IncidentMapPoint", requiredProperties = { "type", "coordinates" })
    record Point(@Schema(enumeration = "Point") String type,
            @Schema(description = "[longitude, latitude], rounded to 0.001°", minItems = 2, maxItems = 2) List<Double> coordinates) {
    }

    @Schema(name = "IncidentMapProperties", requiredProperties = { "number", "category", "status", "supporters" })
    record Properties(@Schema(maxLength = 20, examples = "2611-000042") String number,
            @Schema(maxLength = 64, examples = "roads.potholes") String category,
            @Schema(enumeration = { "NEW", "ASSIGNED", "IN_PROGRESS", "REOPENED", "ANSWERED", "CLOSED" }) String status,
            int supporters) {
    }
}
