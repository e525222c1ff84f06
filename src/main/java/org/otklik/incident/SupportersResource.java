package org.otklik.incident;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.incident.support.SupportView;
import org.otklik.incident.support.SupporterService;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/incidents/{number}/supporters")
@Tag(name = "Incident status")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.SUBMISSIONS)
public class SupportersResource {

    private final SupporterService supporters;
    private final CurrentCaller caller;

    public SupportersResource(SupporterService supporters, CurrentCaller caller) {
        this.supporters = supporters;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.CITIZEN)
    @Operation(operationId = "supportIncident", summary = "Support an open incident (\"me too\")",
            description = "Instead of filing a duplicate, a resident supports an open incident. Once per resident: "
                    + "repeating it (or racing it) changes nothing and answers the same. 404 for an unknown number, 409 "
                    + "when the incident is no longer open or the caller reported it. Citizens only. A supporter whose token "
                    + "verifies an e-mail address is mailed the incident's answer, interim answer, rejection, reopening "
                    + "and closing (status and outcome only, never the answer's text), each with an unsubscribe link.")
    @APIResponse(responseCode = "200", description = "The caller supports the incident",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupportView.class)))
    public Uni<SupportView> support(
            @Parameter(description = "The incident number", example = "2611-000042",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number) {
        return supporters.support(caller.get(), number, caller.verifiedEmail());
    }
}
