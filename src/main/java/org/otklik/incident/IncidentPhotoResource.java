package org.otklik.incident;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.VersionedResource;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

/** Staff decide which photos of an incident the public may see. */
@Path("/api/v1/incidents/{number}/photos/{mediaId}/publication")
@Tag(name = "Staff workflow")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.STAFF)
public class IncidentPhotoResource {

    private final WorkflowService workflow;
    private final CurrentCaller caller;

    public IncidentPhotoResource(WorkflowService workflow, CurrentCaller caller) {
        this.workflow = workflow;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishIncidentPhoto", summary = "Make a photo public, or withdraw it",
            description = "A resident's photo (faces, number plates, flats) is never public until an operator marks it "
                    + "publishable here; only publishable photos appear in the public status and Open311's media_url. "
                    + "Recorded in the staff timeline (PHOTO_PUBLISHED, PHOTO_WITHDRAWN). Operators only; not on a rejected incident.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowRequests.PhotoPublication.class),
            examples = { @ExampleObject(name = "publish", value = "{\"publishable\":true}"),
                    @ExampleObject(name = "withdraw", value = "{\"publishable\":false}") }))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> publish(
            @Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20))
            @PathParam("number") String number,
            @Parameter(description = "A photo of the incident (its message's or its answer's)", example = "c5136cd8-c787-41d8-a076-5ecfa09fb238",
                    schema = @Schema(implementation = UUID.class)) @PathParam("mediaId") String mediaId,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "ETag of the version the decision was taken on (from GET "
                    + "/api/v1/incidents/{number}); required (428 without it, or with *), a stale one is refused with 412",
                    required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.PhotoPublication body) {
        UUID id;
        try {
            id = UUID.fromString(mediaId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("The incident has no photo " + mediaId + ".");
        }
        return workflow.publishPhoto(caller.get(), number, VersionedResource.INCIDENT.fromClient(ifMatch), id, body.publishable())
                .map(StaffIncidentResource::withTag);
    }
}
