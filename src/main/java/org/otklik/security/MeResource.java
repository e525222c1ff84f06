package org.otklik.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;

@Path("/api/v1/me")
@Tag(name = "Identity")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class MeResource {

    private final CurrentCaller caller;

    public MeResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "getMe", summary = "Who am I",
            description = "The caller's subject, Otklik roles, channel, organisation and district as read from the access token.")
    @APIResponse(responseCode = "200", description = "The caller")
    public MeView me() {
        return MeView.of(caller.get());
    }
}
