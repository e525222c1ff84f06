package org.otklik.notice;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.idempotency.IdempotencyService;
import org.otklik.common.idempotency.IdempotencyStore;
import org.otklik.common.idempotency.IdempotentRequest;
import org.otklik.common.idempotency.StoredResponse;
import org.otklik.common.problem.Problem;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.KeysetCursor;
import org.otklik.common.web.Page;
import org.otklik.common.web.VersionedResource;
import org.otklik.incident.WorkflowRequests;
import org.otklik.notice.NoticeViews.AdminNotice;
import org.otklik.notice.NoticeViews.AdminPage;
import org.otklik.notice.NoticeViews.AnswerResult;
import org.otklik.security.Caller;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/notices")
@Tag(name = "City notices")
@RolesAllowed({ Roles.OPERATOR, Roles.ADMIN, Roles.EXECUTOR })
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.ADMIN)
public class NoticeAdminResource {

    private static final String IF_MATCH = "The ETag of the revision the change was decided on; a stale one is refused with 412";
    private static final String EXAMPLE = """
            {"title":{"ru":"Отключение горячей воды","en":"Hot water outage"},\
            "text":{"ru":"Плановая гидравлическая опрессовка тепловых сетей. Горячей воды не будет с 1 по 14 декабря."},\
            "kind":"PLANNED_OUTAGE","categoryCode":"housing.hot_water","districtCodes":["leninsky"],\
            "startsAt":"2026-12-01T09:00:00+04:00","endsAt":"2026-12-14T18:00:00+04:00","organizationCode":"rso.water"}""";

    private final NoticeAdminService notices;
    private final NoticeAnswerService answers;
    private final IdempotencyService idempotency;
    private final CurrentCaller currentCaller;
    private final ObjectMapper objectMapper;

    public NoticeAdminResource(NoticeAdminService notices, NoticeAnswerService answers, IdempotencyService idempotency,
            CurrentCaller currentCaller, ObjectMapper objectMapper) {
        this.notices = notices;
        this.answers = answers;
        this.idempotency = idempotency;
        this.currentCaller = currentCaller;
        this.objectMapper = objectMapper;
    }

    private Caller caller() {
        return currentCaller.get();
    }

    private static Response withTag(AdminNotice view) {
        return Response.ok(view).header(HttpHeaders.ETAG, VersionedResource.tag(view.revision())).build();
    }

    @GET
    @Operation(operationId = "listNoticesForStaff", summary = "All notices, drafts included",
            description = "Newest first, keyset-paged. Executors see their organisation's notices only.")
    @APIResponse(responseCode = "200", description = "A page of notices",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminPage.class)))
    public Uni<AdminPage> list(
            @Parameter(description = "DRAFT, PUBLISHED, ENDED or CANCELLED", schema = @Schema(implementation = NoticeStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "The nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        Optional<NoticeStatus> statusFilter = Optional.ofNullable(status).map(value -> {
            try {
                return NoticeStatus.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badParameter("status", "must be DRAFT, PUBLISHED, ENDED or CANCELLED");
            }
        });
        return notices.list(caller(), statusFilter, Optional.ofNullable(cursor).map(KeysetCursor::decode), limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createNotice", summary = "Create a draft notice",
            description = "Validated as a whole: every invalid field is listed in errors[] with a JSON pointer. An executor's "
                    + "notice belongs to its own organisation.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NoticeRequest.class), examples = @ExampleObject(name = "hotWater", value = EXAMPLE)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER,
            description = "Makes a retry safe: the same key and body return the first response again; the same key "
                    + "with another body is refused with 422. Scoped to the caller.",
            schema = @Schema(type = SchemaType.STRING, maxLength = 255), example = "6c3a0f7e-2f4b-4d1e-9f0a-1b2c3d4e5f60")
    @APIResponse(responseCode = "201", description = "The draft",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminNotice.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> create(NoticeRequest body, @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey) {
        Caller current = caller();
        IdempotentRequest request = new IdempotentRequest(current.subject(), "create-notice", idempotencyKey, body);
        return notices.admit(current, body)
                .chain(admitted -> idempotency.onceInPoolTransaction(request, transaction -> notices.create(transaction, admitted)
                        .map(view -> StoredResponse.of(objectMapper, 201, view, "/api/v1/admin/notices/" + view.id()))))
                .map(StoredResponse::toResponse);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getNoticeForStaff", summary = "A notice with its versions and linked incidents",
            description = "Another organisation's notice is not found for an executor.")
    @APIResponse(responseCode = "200", description = "The notice",
            headers = @Header(name = "ETag", description = "Its revision, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminNotice.class)))
    public Uni<Response> get(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id) {
        return notices.get(caller(), id).map(NoticeAdminResource::withTag);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNotice", summary = "Edit a draft or a published notice",
            description = "A published notice keeps its earlier content as a version, its version number grows, it shows as "
                    + "updated and notice.updated goes to the channels. Ended and cancelled notices cannot be edited (409).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NoticeRequest.class), examples = @ExampleObject(name = "hotWater", value = EXAMPLE)))
    @APIResponse(responseCode = "200", ref = "NoticeAfterChange")
    @APIResponse(responseCode = "409", description = "The notice is ended or cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> update(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH, example = "\"3\"") String ifMatch,
            NoticeRequest body) {
        return notices.update(caller(), id, VersionedResource.NOTICE.fromClient(ifMatch), body).map(NoticeAdminResource::withTag);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(operationId = "publishNotice", summary = "Publish a draft",
            description = "It becomes public, is matched to incoming messages while it runs, and notice.published goes to "
                    + "webhook subscribers and the social-monitoring client.")
    @APIResponse(responseCode = "200", ref = "NoticeAfterChange")
    @APIResponse(responseCode = "409", description = "Not a draft, or its end has passed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> publish(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH, example = "\"3\"") String ifMatch) {
        return notices.publish(caller(), id, VersionedResource.NOTICE.fromClient(ifMatch)).map(NoticeAdminResource::withTag);
    }

    @POST
    @Path("/{id}/end")
    @Operation(operationId = "endNotice", summary = "End a running notice now",
            description = "ENDED at once (its endsAt moves to now if later); notice.ended goes to the channels. "
                    + "An upcoming notice is cancelled instead.")
    @APIResponse(responseCode = "200", ref = "NoticeAfterChange")
    @APIResponse(responseCode = "409", description = "Not published, or not started yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> end(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH, example = "\"3\"") String ifMatch) {
        return notices.end(caller(), id, VersionedResource.NOTICE.fromClient(ifMatch)).map(NoticeAdminResource::withTag);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelNotice", summary = "Cancel a draft or a published notice",
            description = "A cancelled published notice stays readable as CANCELLED and the channels get notice.ended "
                    + "with state CANCELLED.")
    @APIResponse(responseCode = "200", ref = "NoticeAfterChange")
    @APIResponse(responseCode = "409", description = "Already ended or cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> cancel(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH, example = "\"3\"") String ifMatch) {
        return notices.cancel(caller(), id, VersionedResource.NOTICE.fromClient(ifMatch)).map(NoticeAdminResource::withTag);
    }

    @POST
    @Path("/{id}/answer")
    @RolesAllowed({ Roles.OPERATOR, Roles.EXECUTOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerNoticeIncidents", summary = "Answer every open incident linked to the notice",
            description = "Each incident is answered through the ordinary workflow in a transaction of its own, on its own "
                    + "channel. The server reads each incident's version and answers with it as If-Match: one that moved on "
                    + "meanwhile is reported as CHANGED and left alone, so calling twice (or twice at once) answers each "
                    + "incident exactly once. NEW incidents await moderation and are reported as NOT_ANSWERABLE. Executors "
                    + "answer their organisation's incidents only.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowRequests.Answer.class),
            examples = @ExampleObject(name = "explained", value = "{\"text\":\"Горячая вода отключена на время плановой "
                    + "опрессовки до 14 декабря.\",\"resolution\":\"EXPLAINED\"}")))
    @APIResponse(responseCode = "200", description = "What happened to each linked open incident",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerResult.class)))
    @APIResponse(responseCode = "409", description = "The notice is a draft",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<AnswerResult> answer(@Parameter(description = "The notice id", example = "17", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807")) @PathParam("id") long id, @Valid @NotNull WorkflowRequests.Answer body) {
        return answers.answerAll(caller(), id, body);
    }
}
