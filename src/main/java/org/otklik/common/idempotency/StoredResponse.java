package org.otklik.common.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A response kept as sent, so that an idempotent replay answers byte for byte the same. */
public record StoredResponse(int status, String body, String location) {

    /** The JSON response a resource sends, to keep for replays. */
    public static StoredResponse of(ObjectMapper objectMapper, int status, Object body, String location) {
        try {
            return new StoredResponse(status, objectMapper.writeValueAsString(body), location);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (location != null) {
            builder.header("Location", location);
        }
        return builder.build();
    }
}
