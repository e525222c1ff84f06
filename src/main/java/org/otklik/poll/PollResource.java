package org.otklik.poll;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.idempotency.IdempotencyStore;
import org.otklik.common.idempotency.IdempotentRequest;
import org.otklik.common.idempotency.StoredResponse;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemResponses;
import org.otklik.common.problem.ProblemType;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.poll.ballot.BallotIdempotency;
import org.otklik.poll.ballot.BallotService;
import org.otklik.poll.ballot.VoteBatcher;
import org.otklik.poll.tally.PollResultsService;
import org.otklik.security.Caller;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/polls")
@Tag(name = "Polls")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class PollResource {

    private static final String PROBLEM = "application/problem+json";

    private final PollService polls;
    private final BallotService ballots;
    private final PollResultsService results;
    private final CurrentCaller currentCaller;
    private final BallotIdempotency idempotency;
    private final ProblemResponses problems;
    private final ObjectMapper objectMapper;
    private final String retryAfterSeconds;

    public PollResource(PollService polls, BallotService ballots, PollResultsService results,
            CurrentCaller currentCaller, BallotIdempotency idempotency,
            ProblemResponses problems, ObjectMapper objectMapper, PollsConfig config) {
        this.polls = polls;
        this.ballots = ballots;
        this.results = results;
        this.currentCaller = currentCaller;
        this.idempotency = idempotency;
        this.problems = problems;
        this.objectMapper = objectMapper;
        this.retryAfterSeconds = Long.toString(Math.max(1, config.mix().retryAfter().toSeconds()));
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPolls", summary = "Published polls for the widget",
            description = "Upcoming, open and closed polls (not drafts, not archived), latest opening first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of polls")
    public Uni<PollSummaryPage> list(
            @Parameter(description = "OPEN, UPCOMING or CLOSED; all three when absent", schema = @Schema(
                    type = SchemaType.STRING, enumeration = { "OPEN", "UPCOMING", "CLOSED" })) @QueryParam("state") PollState state,
            @Parameter(description = "Only polls residents of this district may vote in", example = "leninsky",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64))
            @QueryParam("district") String district,
            @Parameter(description = "nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        if (district != null && district.length() > 64) {
            throw ProblemException.badParameter("district", "must be at most 64 characters");
        }
        return polls.list(state, district, cursor, limit);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getPoll", summary = "A published poll",
            description = "Its frozen definition, definitionHash and whether results are visible. With a citizen's token "
                    + "also whether they may vote and whether they have voted; an invalid token counts as none.")
    @APIResponse(responseCode = "200", description = "The poll",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollDetailView.class),
                    examples = @ExampleObject(name = "open", value = PollExamples.POLL_DETAIL)))
    public Uni<PollDetailView> get(@PathParam("id") UUID id) {
        return currentCaller.optional().chain(caller -> polls.detail(id, caller));
    }

    @GET
    @Path("/{id}/results")
    @PermitAll
    @Operation(operationId = "getPollResults", summary = "Results, as the poll's results policy allows",
            description = "LIVE: from opening on; AFTER_CLOSE: once closed; HIDDEN: never. Counts come from tallies refreshed "
                    + "every few seconds. Breakdown groups (districts, channels) with fewer participants than the threshold are hidden.")
    @APIResponse(responseCode = "200", description = "The results",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PollResultsView.class),
                    examples = @ExampleObject(name = "live", value = PollExamples.RESULTS)))
    @APIResponse(responseCode = "403", description = "The poll's results are HIDDEN",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "AFTER_CLOSE and not closed yet, or LIVE and not open yet",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<PollResultsView> results(@PathParam("id") UUID id) {
        return results.forPublic(id);
    }

    @POST
    @Path("/{id}/ballots")
    @RolesAllowed(Roles.CITIZEN)
    @RateLimited(RateLimitGroup.VOTES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "castBallot", summary = "Vote",
            description = "The whole ballot is validated at once. Eligibility comes from the token's district and birthdate "
                    + "claims. One vote per citizen and poll; when the poll allows revotes a new ballot replaces the earlier one. "
                    + "The answer carries a receipt code that anyone can check later. The ballot is stored sealed (encrypted under "
                    + "the poll's key) until the poll closes; votes are committed in batches together with other citizens' "
                    + "votes, and the answer comes after the commit.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BallotRequest.class),
            examples = @ExampleObject(name = "ballot", value = PollExamples.BALLOT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Counted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BallotReceiptView.class),
                    examples = @ExampleObject(name = "receipt", value = PollExamples.BALLOT_RECEIPT)))
    @APIResponse(responseCode = "403", description = "Not eligible (district, age) or not a citizen",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "Not open (early or late), or already voted",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another ballot",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "The batch this vote was in could not be stored: nothing of it was "
            + "counted; send the vote again after Retry-After seconds",
            headers = @Header(name = "Retry-After", ref = "#/components/headers/Retry-After"),
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<Response> vote(@PathParam("id") UUID id, BallotRequest request,
            @Parameter(description = "Makes a retry safe: the same key and ballot return the first receipt again; the same "
                    + "key with another ballot is refused with 422, and while the first request runs with 409.",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255, pattern = "^[!-~]{1,255}$"))
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey) {
        Caller caller = currentCaller.get();
        IdempotentRequest idempotent = BallotIdempotency.ballot(caller.subject(), id, idempotencyKey, request);
        return idempotency.once(idempotent, () -> ballots.cast(id, caller, request).map(receipt -> StoredResponse.of(
                        objectMapper, 201, receipt, null)))
                .map(StoredResponse::toResponse)
                .onFailure(VoteBatcher.BatchFailedException.class).recoverWithItem(() -> Response
                        .fromResponse(problems.toResponse(problems.of(ProblemType.SERVICE_UNAVAILABLE,
                                "Your vote could not be stored and was not counted; please send it again.",
                                "/api/v1/polls/" + id + "/ballots")))
                        .header("Retry-After", retryAfterSeconds)
                        .build());
    }

    @POST
    @Path("/receipt-checks")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkReceipt", summary = "Check a ballot's receipt",
            description = "The code goes in the body, never in a URL. Says which poll and in which hour, never the choices: "
                    + "ACCEPTED while the poll's ballots are sealed, COUNTED once they were opened at close. Every receipt the "
                    + "service issued reads the same, whether a later ballot of the same citizen replaced its ballot or not.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReceiptCheckRequest.class),
            examples = @ExampleObject(name = "receipt", value = PollExamples.RECEIPT_CHECK)))
    @APIResponse(responseCode = "200", description = "The ballot of this receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiptView.class),
                    examples = @ExampleObject(name = "counted", value = PollExamples.RECEIPT)))
    @APIResponse(responseCode = "400", description = "Not a receipt code",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "The service issued no such receipt",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<ReceiptView> checkReceipt(@Valid ReceiptCheckRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("/receipt", "is required");
        }
        return ballots.checkReceipt(request.receipt());
    }

    @GET
    @Path("/receipts/{code}")
    @PermitAll
    @Operation(operationId = "checkReceiptByUrl", deprecated = true, summary = "Gone: receipts are checked by POST",
            description = "Answers 410 without looking at the code: a receipt in a URL ends up in proxies' logs. Use "
                    + "POST /api/v1/polls/receipt-checks.")
    @APIResponse(responseCode = "410", description = "Gone; the problem names POST /api/v1/polls/receipt-checks",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<ReceiptView> receiptByUrl(@Parameter(description = "Ignored", schema = @Schema(type = SchemaType.STRING,
            maxLength = 120)) @PathParam("code") String code) {
        throw new ProblemException(PollProblem.RECEIPT_CHECK_MOVED, "Receipts are no longer checked by URL (proxies log "
                + "URLs): send POST /api/v1/polls/receipt-checks with {\"receipt\": \"…\"}.");
    }
}
