package org.otklik.location;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.EntityTags;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/districts/boundaries")
@Tag(name = "Reference data")
public class BoundaryResource {

    static final String GEO_JSON = "application/geo+json";
    static final MediaType GEO_JSON_TYPE = MediaType.valueOf(GEO_JSON);

    private final BoundaryService boundaries;
    private final EntityTags entityTags;

    public BoundaryResource(BoundaryService boundaries, EntityTags entityTags) {
        this.boundaries = boundaries;
        this.entityTags = entityTags;
    }

    @GET
    @PermitAll
    @RateLimited(RateLimitGroup.LOOKUPS)
    @Produces(GEO_JSON)
    @Operation(operationId = "getDistrictBoundaries", summary = "The districts' boundaries",
            description = "A GeoJSON FeatureCollection, one feature per district (empty until an admin loads them). "
                    + "Supports conditional requests with If-None-Match.")
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = "ETag of a copy the client holds",
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "200", description = "The boundaries",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = GEO_JSON, schema = @Schema(implementation = BoundaryDocs.Collection.class)))
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    public Uni<Response> current(@Context Request request) {
        return boundaries.featureCollection().map(json -> entityTags.conditional(request, json, GEO_JSON_TYPE));
    }
}
