package org.otklik.location;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/incidents/nearby")
@Tag(name = "Incident status")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class NearbyResource {

    private final NearbyService nearby;

    public NearbyResource(NearbyService nearby) {
        this.nearby = nearby;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listNearbyIncidents", summary = "Open incidents of a category near a place",
            description = "Before submitting, a resident sees what is already reported nearby and may support it instead "
                    + "(POST /api/v1/incidents/{number}/supporters). Open incidents of the category, its parent topic and "
                    + "its sub-topics whose public point (rounded to 0.001°) lies within the radius, nearest first, at most 20. "
                    + "No text, photos or author. Rate limited per client address (group lookups).")
    @APIResponse(responseCode = "200", description = "Nearby incidents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NearbyView.class),
                    examples = @ExampleObject(name = "two", value = """
                            {"radius":150,"items":[{"number":"2611-000042","status":"IN_PROGRESS","distance":60,\
                            "createdAt":"2026-11-27T20:15:03+04:00","supporters":3},{"number":"2611-000057","status":"NEW",\
                            "distance":140,"createdAt":"2026-12-01T08:02:11+04:00","supporters":0}]}""")))
    public Uni<NearbyView> nearby(
            @Parameter(required = true, description = "Latitude, WGS 84", example = "53.2015",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90")) @QueryParam("lat") String lat,
            @Parameter(required = true, description = "Longitude, WGS 84", example = "50.1362",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180")) @QueryParam("lon") String lon,
            @Parameter(required = true, description = "Category code", example = "landscaping.lighting",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @QueryParam("category") String category,
            @Parameter(description = "Metres, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                    maximum = "500", defaultValue = "150")) @QueryParam("radius") String radius) {
        double latitude = Coordinates.latitude("lat", lat);
        double longitude = Coordinates.longitude("lon", lon);
        if (category == null || category.isBlank() || category.length() > 64) {
            throw ProblemException.badParameter("category", "is required (a category code)");
        }
        return nearby.near(latitude, longitude, category, radius(radius));
    }

    private static int radius(String value) {
        if (value == null) {
            return NearbyService.DEFAULT_RADIUS;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= NearbyService.MAX_RADIUS) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter("radius", "must be a whole number of metres from 1 to " + NearbyService.MAX_RADIUS);
    }
}
