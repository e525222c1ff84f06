package org.otklik.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A response kept as sent, so that an idempotent replay answers byte for byte the same. */
public record StoredResponse(int status, String body, String location) {

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (location != null) {
            builder.header("Location", location);
        }
        return builder.build();
    }
}
