package org.otklik.location;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/districts/boundaries")
@Tag(name = "Reference data")
public class BoundaryAdminResource {

    private final BoundaryService boundaries;

    public BoundaryAdminResource(BoundaryService boundaries) {
        this.boundaries = boundaries;
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @RateLimited(RateLimitGroup.ADMIN)
    @Consumes({ MediaType.APPLICATION_JSON, BoundaryResource.GEO_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceDistrictBoundaries", summary = "Replace the district boundaries",
            description = "Takes a GeoJSON FeatureCollection with exactly one Polygon or MultiPolygon feature per district "
                    + "(property `district` = the district's code), in WGS 84. Rings must be closed and not self-intersecting, "
                    + "and every district must be covered once. A fault is refused with a 400 problem whose pointer and "
                    + "detail name the feature; nothing is changed then. Admins only.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BoundaryDocs.Collection.class)),
            @Content(mediaType = BoundaryResource.GEO_JSON, schema = @Schema(implementation = BoundaryDocs.Collection.class)) })
    @APIResponse(responseCode = "204", description = "The boundaries were replaced")
    public Uni<Response> replace(JsonNode collection) {
        return boundaries.replace(collection).map(done -> Response.noContent().build());
    }
}
