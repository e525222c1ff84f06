package org.otklik.open311;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.security.CurrentCaller;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/open311-keys")
@Tag(name = "Open311 keys")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.ADMIN)
public class Open311KeyResource {

    private final Open311KeyService keys;
    private final CurrentCaller caller;

    public Open311KeyResource(Open311KeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueOpen311Key", summary = "Register an Open311 client",
            description = "Returns its API key once; only the key's SHA-256 is stored. With organizationCode the key "
                    + "belongs to that organisation's back office, which may also post servicerequestupdates.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Open311KeyView.Created.class)))
    public Uni<Response> issue(@Valid @NotNull Open311KeyRequest body) {
        return keys.issue(caller.get(), body)
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(operationId = "listOpen311Keys", summary = "Open311 clients", description = "Without their keys.")
    @APIResponse(responseCode = "200", description = "The clients, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311KeyView.class)))
    public Uni<List<Open311KeyView>> list() {
        return keys.list();
    }

    @POST
    @Path("{id}/revocation")
    @Operation(operationId = "revokeOpen311Key", summary = "Revoke an Open311 key",
            description = "The key stops working at once (403 on Open311 POSTs). Revoking again changes nothing.")
    @APIResponse(responseCode = "200", description = "The revoked client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Open311KeyView.class)))
    public Uni<Open311KeyView> revoke(@Parameter(description = "The client's id") @PathParam("id") UUID id) {
        return keys.revoke(id);
    }
}
