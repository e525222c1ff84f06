package org.otklik.incident;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.Page;
import org.otklik.incident.views.CitizenIncidentService;
import org.otklik.incident.views.MyIncidentSummary;
import org.otklik.incident.views.MyIncidentView;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/me/incidents")
@Tag(name = "My incidents")
@RolesAllowed(Roles.CITIZEN)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class MyIncidentsResource {

    private final CitizenIncidentService incidents;
    private final WorkflowService workflow;
    private final CurrentCaller caller;

    public MyIncidentsResource(CitizenIncidentService incidents, WorkflowService workflow, CurrentCaller caller) {
        this.incidents = incidents;
        this.workflow = workflow;
        this.caller = caller;
    }

    @Schema(name = "MyIncidentPage", requiredProperties = { "items", "nextCursor" })
    public record MyIncidentPage(List<MyIncidentSummary> items, @Schema(nullable = true) String nextCursor) {
    }

    @GET
    @Operation(operationId = "listMyIncidents", summary = "My incidents, newest first",
            description = "Keyset-paged: pass the nextCursor of a page as cursor to get the next one.")
    @APIResponse(responseCode = "200", description = "A page of the caller's incidents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyIncidentPage.class)))
    public Uni<Page<MyIncidentSummary>> list(
            @Parameter(description = "Only these statuses: repeat the parameter or separate them with commas, e.g. status=ANSWERED,CLOSED",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentStatus.class, maxItems = 8))
            @QueryParam("status") List<String> status,
            @Parameter(description = "The nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100", example = "20")
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return incidents.myIncidents(caller.get(), statuses(status), cursor, limit);
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getMyIncident", summary = "One of my incidents, with its public timeline",
            description = "Another citizen's incident answers 404, as an unknown number does.")
    @APIResponse(responseCode = "200", description = "The incident",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyIncidentView.class)))
    public Uni<MyIncidentView> get(
            @Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number) {
        return incidents.myIncident(caller.get(), number);
    }

    @POST
    @Path("/{number}/rating")
    @RateLimited(RateLimitGroup.SUBMISSIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rateMyIncidentAnswer", summary = "Accept or contest the answer",
            description = "Within the configured period after the answer: accepting closes the incident; contesting (with "
                    + "a comment) reopens it and sends it back to the executor with a new, shorter deadline.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowRequests.Rating.class),
            examples = { @ExampleObject(name = "accept", value = "{\"accepted\":true}"),
                    @ExampleObject(name = "contest", value = "{\"accepted\":false,\"comment\":\"Яму засыпали щебнем, она снова появилась\"}") }))
    @APIResponse(responseCode = "200", description = "The incident after the rating",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyIncidentView.class)))
    @APIResponse(responseCode = "409", description = "Not answered, already rated, or the rating period is over",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<MyIncidentView> rate(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @Valid @NotNull WorkflowRequests.Rating body) {
        return workflow.rate(caller.get(), number, body);
    }

    public static Set<IncidentStatus> statuses(List<String> values) {
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        if (values == null) {
            return statuses;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                try {
                    statuses.add(IncidentStatus.valueOf(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badParameter("status", "unknown status '" + part.strip() + "'");
                }
            }
        }
        return statuses;
    }
}
