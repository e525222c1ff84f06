package org.otklik.common;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** Test-only endpoints that provoke each kind of failure the error handling must answer. */
@Path("/test-probe")
@PermitAll
public class ProbeResource {

    public record Point(@NotNull @Min(-90) @Max(90) Double lat, @NotNull @Min(-180) @Max(180) Double lon) {
    }

    public record ProbeRequest(
            @NotBlank @Size(max = 10) String text,
            @NotNull @Min(1) Integer count,
            Boolean flag,
            int primitive,
            @Valid Point location,
            @Size(max = 2) List<@NotBlank String> tags) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ProbeRequest echo(@Valid @NotNull ProbeRequest body) {
        return body;
    }

    @GET
    @Path("/limit")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public int limit(@QueryParam("limit") @Min(1) @Max(100) int limit) {
        return limit;
    }

    @GET
    @Path("/boom")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String boom() {
        throw new IllegalStateException("secret internals of org.otklik.common.ProbeResource, phone +7 900 000-00-00");
    }
}
