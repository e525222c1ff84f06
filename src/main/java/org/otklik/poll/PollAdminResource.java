package org.otklik.poll;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.poll.definition.PollRequest;
import org.otklik.poll.tally.PollResultsService;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/polls")
@Tag(name = "Poll administration")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.ADMIN)
public class PollAdminResource {

    private static final String CONFLICT = "The poll's state does not allow this";

    private final PollAdminService polls;
    private final PollResultsService results;

    public PollAdminResource(PollAdminService polls, PollResultsService results) {
        this.polls = polls;
        this.results = results;
    }

    @GET
    @Operation(operationId = "listPollsForAdmin", summary = "All polls, drafts included",
            description = "Newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of polls")
    public Uni<PollAdminPage> list(
            @Parameter(description = "Only polls with this status") @QueryParam("status") PollStatus status,
            @Parameter(description = "nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return polls.list(status, cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPoll", summary = "Create a draft poll",
            description = "The whole definition is validated at once; every failure is listed in errors[] with a JSON pointer. "
                    + "Question ids (q1, q2, …) follow the order of the questions.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollRequest.class),
            examples = @ExampleObject(name = "embankment", value = PollExamples.POLL_REQUEST)))
    @APIResponse(responseCode = "201", description = "The draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class),
                    examples = @ExampleObject(name = "draft", value = PollExamples.POLL_DRAFT)))
    public Uni<Response> create(PollRequest request) {
        return polls.create(request).map(view -> Response.created(URI.create("/api/v1/admin/polls/" + view.id()))
                .entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPollForAdmin", summary = "One poll, drafts included")
    @APIResponse(responseCode = "200", description = "The poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class),
                    examples = @ExampleObject(name = "published", value = PollExamples.POLL_ADMIN)))
    public Uni<PollAdminView> get(@PathParam("id") UUID id) {
        return polls.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePoll", summary = "Replace the definition of a draft",
            description = "Only drafts can be edited: once published, the definition is frozen and its hash fixed.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollRequest.class),
            examples = @ExampleObject(name = "embankment", value = PollExamples.POLL_REQUEST)))
    @APIResponse(responseCode = "200", description = "The edited draft",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class)))
    @APIResponse(responseCode = "409", description = "The poll is not a draft",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<PollAdminView> update(@PathParam("id") UUID id, PollRequest request) {
        return polls.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deletePoll", summary = "Delete a draft")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The poll is not a draft",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return polls.delete(id);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(operationId = "publishPoll", summary = "Publish a draft",
            description = "The poll becomes visible and opens at opensAt; its definition is frozen from now on.")
    @APIResponse(responseCode = "200", description = "The published poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<PollAdminView> publish(@PathParam("id") UUID id) {
        return polls.publish(id);
    }

    @POST
    @Path("/{id}/close")
    @Operation(operationId = "closePoll", summary = "Close a poll early", description = "Voting stops at once.")
    @APIResponse(responseCode = "200", description = "The closed poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<PollAdminView> close(@PathParam("id") UUID id) {
        return polls.close(id);
    }

    @POST
    @Path("/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendPoll", summary = "Move the closing time of an upcoming or open poll later")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExtensionRequest.class),
            examples = @ExampleObject(name = "one more week", value = "{\"closesAt\": \"2026-07-28T21:00:00+04:00\"}")))
    @APIResponse(responseCode = "200", description = "The extended poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<PollAdminView> extend(@PathParam("id") UUID id, ExtensionRequest request) {
        return polls.extend(id, request);
    }

    @POST
    @Path("/{id}/archive")
    @Operation(operationId = "archivePoll", summary = "Archive a closed poll",
            description = "It leaves the public lists; its page, results and receipts stay available.")
    @APIResponse(responseCode = "200", description = "The archived poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollAdminView.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<PollAdminView> archive(@PathParam("id") UUID id) {
        return polls.archive(id);
    }

    @GET
    @Path("/{id}/results")
    @Produces({ MediaType.APPLICATION_JSON, PollResultsCsv.MEDIA_TYPE })
    @Operation(operationId = "getPollResultsForAdmin", summary = "Results whatever the policy, as JSON or CSV",
            description = "Aggregates only, fresh from the tallies (not cached); small breakdown groups are hidden as in public. "
                    + "With Accept: text/csv the answer is UTF-8 with a byte order mark, ';'-separated and with a decimal "
                    + "comma, so that spreadsheet programs in a Russian locale open it with its Cyrillic text intact.")
    @APIResponse(responseCode = "200", description = "The results",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollResultsView.class),
                            examples = @ExampleObject(name = "live", value = PollExamples.RESULTS)),
                    @Content(mediaType = PollResultsCsv.MEDIA_TYPE, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = "\uFEFFразрез;группа;вопрос_id;вопрос;вариант;название;голосов;доля\r\n"
                                    + "ALL;;q1;Что важнее всего?;park;Парк;912;0,6\r\n")) })
    public Uni<Response> results(@PathParam("id") UUID id,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.isCompatible(MediaType.valueOf("text/csv")) && !type.isWildcardType());
        return results.forAdmin(id).map(view -> csv
                ? Response.ok(PollResultsCsv.write(view), PollResultsCsv.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"poll-" + id + "-results.csv\"").build()
                : Response.ok(view, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/{id}/consistency")
    @Operation(operationId = "checkPollTallies", summary = "Recompute the tallies from the ballots and compare",
            description = "Scans every ballot of the poll: meant for audits, not for dashboards. Reports each count that "
                    + "differs between the ballots and the tallies (folded tallies plus deltas not yet folded).")
    @APIResponse(responseCode = "200", description = "The comparison",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsistencyView.class),
                    examples = @ExampleObject(name = "consistent", value = PollExamples.CONSISTENCY)))
    public Uni<ConsistencyView> consistency(@PathParam("id") UUID id) {
        return results.checkConsistency(id);
    }
}
