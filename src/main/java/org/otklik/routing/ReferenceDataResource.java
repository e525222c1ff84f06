package org.otklik.routing;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Tag(name = "Reference data")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class ReferenceDataResource {

    private final ReferenceDataService referenceData;
    private final EntityTags entityTags;

    public ReferenceDataResource(ReferenceDataService referenceData, EntityTags entityTags) {
        this.referenceData = referenceData;
        this.entityTags = entityTags;
    }

    @GET
    @Path("/categories")
    @PermitAll
    @Operation(operationId = "listCategories", summary = "The topic tree",
            description = "Top-level topics with their sub-topics, Russian and English names and effective deadlines. "
                    + "Supports conditional requests with If-None-Match.")
    @Parameter(name = "If-None-Match", in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER,
            description = "ETag of a copy the client holds", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The topic tree",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CategoryView.class)))
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    public Uni<Response> categories(@Context Request request) {
        return referenceData.categoryTreeJson().map(json -> entityTags.conditional(request, json));
    }

    @GET
    @Path("/districts")
    @PermitAll
    @Operation(operationId = "listDistricts", summary = "The city's districts",
            description = "Supports conditional requests with If-None-Match.")
    @Parameter(name = "If-None-Match", in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER,
            description = "ETag of a copy the client holds", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "All districts",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DistrictView.class)))
    @APIResponse(responseCode = "304", description = "The client's copy is current")
    public Uni<Response> districts(@Context Request request) {
        return referenceData.districtsJson().map(json -> entityTags.conditional(request, json));
    }

    @GET
    @Path("/organizations")
    @RolesAllowed({ Roles.OPERATOR, Roles.EXECUTOR, Roles.ANALYST, Roles.ADMIN })
    @Operation(operationId = "listOrganizations", summary = "Responsible organisations",
            description = "Every organisation incidents can be routed to. Staff only.")
    @APIResponse(responseCode = "200", description = "All organisations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = OrganizationView.class)))
    public Uni<Response> organizations() {
        return referenceData.organizationsJson()
                .map(json -> Response.ok(json.json(), MediaType.APPLICATION_JSON_TYPE).build());
    }
}
