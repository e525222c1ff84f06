package org.otklik.open311;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** Test only: an Open311 path that fails unexpectedly. */
@Path("/open311/v2/test-failure.{format}")
public class Open311FailureProbe {

    @GET
    @Operation(hidden = true)
    public String fail(@PathParam("format") String format) {
        throw new IllegalStateException("secret internals, phone +7 900 000-00-00");
    }
}
