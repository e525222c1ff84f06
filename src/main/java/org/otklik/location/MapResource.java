package org.otklik.location;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.EntityTags;
import org.otklik.location.MapRepository.Box;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/map/incidents.geojson")
@Tag(name = "Incident status")
@RateLimited(RateLimitGroup.LOOKUPS)
public class MapResource {

    /** About 55 × 40 km at Samara's latitude: a city, not a country. */
    static final double MAX_BOX_DEGREES = 0.5;

    private final MapService map;
    private final EntityTags entityTags;

    public MapResource(MapService map, EntityTags entityTags) {
        this.map = map;
        this.entityTags = entityTags;
    }

    @GET
    @PermitAll
    @Produces(BoundaryResource.GEO_JSON)
    @Operation(operationId = "getIncidentMap", summary = "Open and recently answered incidents as GeoJSON points",
            description = "RFC 7946 FeatureCollection of Point features at the incident's public position (rounded to "
                    + "0.001°, about 100 m), with number, category, status and supporters: no text, author or anything "
                    + "staff-only. Open incidents and those answered in the last 30 days, newest first, at most 2000. "
                    + "Supports If-None-Match. Rate limited per client address (group lookups).")
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "ETag of a copy the client holds",
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "200", description = "The incidents in the box",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = BoundaryResource.GEO_JSON, schema = @Schema(implementation = MapDocs.Collection.class)))
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    public Uni<Response> incidents(@Context Request request,
            @Parameter(required = true, description = "minLon,minLat,maxLon,maxLat (WGS 84), at most 0.5° a side",
                    example = "50.07,53.17,50.16,53.23", schema = @Schema(type = SchemaType.STRING, maxLength = 100,
                            pattern = BBOX_PATTERN))
            @QueryParam("bbox") String bbox,
            @Parameter(description = "Category code (with its sub-topics)", example = "roads",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("category") String category,
            @Parameter(description = "Comma-separated statuses: NEW, ASSIGNED, IN_PROGRESS, REOPENED, ANSWERED, CLOSED",
                    example = "NEW,IN_PROGRESS", schema = @Schema(type = SchemaType.STRING, maxLength = 100))
            @QueryParam("status") String status) {
        Box box = box(bbox);
        if (category != null && (category.isBlank() || category.length() > 64)) {
            throw ProblemException.badParameter("category", "must be a category code");
        }
        return map.incidents(box, category, statuses(status))
                .map(json -> entityTags.conditional(request, json, BoundaryResource.GEO_JSON_TYPE));
    }

    /** Four comma-separated decimal numbers; the ranges, the corners' order and the span are checked in {@link #box}. */
    static final String BBOX_PATTERN = "^\\s*-?[0-9]{1,3}(\\.[0-9]{1,12})?\\s*(,\\s*-?[0-9]{1,3}(\\.[0-9]{1,12})?\\s*){3}$";

    static Box box(String bbox) {
        if (bbox == null || bbox.isBlank()) {
            throw ProblemException.badParameter("bbox", "is required: minLon,minLat,maxLon,maxLat");
        }
        String[] parts = bbox.split(",", -1);
        if (parts.length != 4) {
            throw ProblemException.badParameter("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat");
        }
        double minLon = Coordinates.longitude("bbox", parts[0].strip());
        double minLat = Coordinates.latitude("bbox", parts[1].strip());
        double maxLon = Coordinates.longitude("bbox", parts[2].strip());
        double maxLat = Coordinates.latitude("bbox", parts[3].strip());
        if (minLon >= maxLon || minLat >= maxLat) {
            throw ProblemException.badParameter("bbox", "must name the south-west corner before the north-east one");
        }
        if (maxLon - minLon > MAX_BOX_DEGREES || maxLat - minLat > MAX_BOX_DEGREES) {
            throw ProblemException.badParameter("bbox", "may span at most " + MAX_BOX_DEGREES + "° a side");
        }
        return new Box(minLon, minLat, maxLon, maxLat);
    }

    static List<String> statuses(String status) {
        if (status == null || status.isBlank()) {
            return MapService.STATUSES;
        }
        List<String> chosen = new ArrayList<>();
        for (String part : status.split(",")) {
            String name = part.strip();
            if (!MapService.STATUSES.contains(name)) {
                throw ProblemException.badParameter("status", "must list statuses of " + String.join(", ", MapService.STATUSES));
            }
            chosen.add(name);
        }
        return chosen;
    }
}
