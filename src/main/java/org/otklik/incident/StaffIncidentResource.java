package org.otklik.incident;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.common.web.Page;
import org.otklik.common.web.VersionedResource;
import org.otklik.delivery.DeliveryViews.Delivery;
import org.otklik.incident.queue.IncidentQueuePage;
import org.otklik.incident.queue.QueueParameters;
import org.otklik.incident.queue.StaffIncidentService;
import org.otklik.incident.views.StaffIncidentView;
import org.otklik.routing.ReferenceCatalog;
import org.otklik.security.Caller;
import org.otklik.security.Channel;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/incidents")
@Tag(name = "Staff workflow")
@RolesAllowed({ Roles.OPERATOR, Roles.EXECUTOR })
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.STAFF)
public class StaffIncidentResource {

    private static final String IF_MATCH_DESCRIPTION = "ETag of the version the action was decided on (from GET "
            + "/api/v1/incidents/{number} or the previous action); required (428 without it, or with *), a stale one is refused with 412";

    private final StaffIncidentService incidents;
    private final WorkflowService workflow;
    private final ReferenceCatalog referenceCatalog;
    private final CurrentCaller currentCaller;

    public StaffIncidentResource(StaffIncidentService incidents, WorkflowService workflow, ReferenceCatalog referenceCatalog,
            CurrentCaller currentCaller) {
        this.incidents = incidents;
        this.workflow = workflow;
        this.referenceCatalog = referenceCatalog;
        this.currentCaller = currentCaller;
    }

    private Caller caller() {
        return currentCaller.get();
    }

    @GET
    @Operation(operationId = "listIncidents", summary = "The incident queue",
            description = "Operators see every incident, executors only their organisation's. Filters combine with AND; "
                    + "category includes its sub-topics; q searches the text (Russian stemming). Keyset-paged; counts "
                    + "give the incidents per status under the other filters.")
    @APIResponse(responseCode = "200", description = "A page of the queue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentQueuePage.class)))
    public Uni<IncidentQueuePage> queue(
            @Parameter(description = "Statuses, repeated or comma-separated",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentStatus.class, maxItems = 8))
            @QueryParam("status") List<String> status,
            @Parameter(description = "A category code; its sub-topics are included", example = "roads")
            @QueryParam("category") @Size(max = 64) String category,
            @Parameter(example = "leninsky") @QueryParam("district") @Size(max = 64) String district,
            @Parameter(description = "Operators only; executors always see their own", example = "dep.roads")
            @QueryParam("organization") @Size(max = 64) String organization,
            @Parameter(example = "GOSUSLUGI", schema = @Schema(implementation = Channel.class)) @QueryParam("channel") String channel,
            @Parameter(description = "true: only overdue; false: only not overdue", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("overdue") String overdue,
            @Parameter(description = "Created at or after (ISO-8601 with offset)", example = "2026-11-01T00:00:00+04:00",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40))
            @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "Created before (ISO-8601 with offset); after createdFrom when both are given",
                    example = "2026-12-01T00:00:00+04:00", schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40))
            @QueryParam("createdTo") String createdTo,
            @Parameter(description = "Full-text search in the message", example = "яма") @QueryParam("q") @Size(max = 200) String q,
            @Parameter(description = "Only incidents linked to this city notice", example = "17",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "9223372036854775807"))
            @QueryParam("notice") String notice,
            @Parameter(description = "createdAt (newest first), resolutionDue (nearest first) or supporters (most first)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "createdAt", "resolutionDue", "supporters" },
                            defaultValue = "createdAt"))
            @QueryParam("sort") @DefaultValue("createdAt") String sort,
            @Parameter(description = "The nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        Caller caller = caller();
        QueueParameters parameters = QueueParameters.parse(status, category, district, organization, channel, overdue,
                createdFrom, createdTo, q, notice, sort, cursor, limit);
        return referenceCatalog.current().chain(reference -> incidents.queue(caller, parameters.filter(reference)));
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getIncident", summary = "Everything about an incident",
            description = "Contact data, the full timeline with internal notes, linked duplicates and the actions the "
                    + "caller may take. Another organisation's incident answers 404 to an executor.")
    @APIResponse(responseCode = "200", description = "The incident",
            headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffIncidentView.class)))
    public Uni<Response> detail(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number) {
        return incidents.detail(caller(), number).map(StaffIncidentResource::withTag);
    }

    @GET
    @Path("/{number}/deliveries")
    @RolesAllowed({ Roles.OPERATOR, Roles.EXECUTOR, Roles.INTEGRATION })
    @Operation(operationId = "listIncidentDeliveries", summary = "Delivery state of an incident's notifications",
            description = "Staff see every outbox row of the incident: to its own channel and to webhook subscribers, with "
                    + "state, attempts and the last error. An integration client sees only incidents from its own channel, "
                    + "and of them only the deliveries to that channel (Gosuslugi callbacks, or replies under social-media "
                    + "comments): never webhook subscriptions or other receivers' errors.")
    @APIResponse(responseCode = "200", description = "The deliveries, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Delivery.class)))
    public Uni<List<Delivery>> deliveries(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number) {
        return incidents.deliveries(caller(), number);
    }

    static Response withTag(StaffIncidentView view) {
        return Response.ok(view).header(HttpHeaders.ETAG, VersionedResource.tag(view.version())).build();
    }

    @POST
    @Path("/{number}/moderation")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "moderateIncident", summary = "Accept or reject a new incident",
            description = "NEW → ASSIGNED (to the routed organisation, confirming a redirect outside the city's competence) "
                    + "or NEW → REJECTED with a reason. Operators only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowRequests.Moderation.class),
            examples = { @ExampleObject(name = "accept", value = "{\"decision\":\"ACCEPT\"}"),
                    @ExampleObject(name = "reject", value = "{\"decision\":\"REJECT\",\"reason\":\"SPAM\",\"comment\":\"Реклама\"}") }))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> moderate(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.Moderation body) {
        return workflow.moderate(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch), body).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignIncident", summary = "Transfer an incident, or hand it back",
            description = "Operators transfer an incident to another organisation with a reason (kept in the history); "
                    + "executors hand it back to the МЦУ with a reason, which puts it in the operators' queue.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowRequests.Assignment.class),
            examples = { @ExampleObject(name = "transfer", value = "{\"organizationCode\":\"adm.kirovsky\",\"reason\":\"Адрес в Кировском районе\"}"),
                    @ExampleObject(name = "handBack", value = "{\"reason\":\"Не наша зона ответственности\"}") }))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> assign(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.Assignment body) {
        return workflow.assign(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch), body).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/progress")
    @Operation(operationId = "startIncidentWork", summary = "Start work", description = "ASSIGNED or REOPENED → IN_PROGRESS.")
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> progress(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch) {
        return workflow.startWork(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch)).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/interim-answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "giveInterimAnswer", summary = "Give an interim answer",
            description = "Once per incident: tells the citizen when the work is planned and moves the resolution deadline "
                    + "to the end of that day (at most a configured number of days ahead).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowRequests.InterimAnswer.class),
            examples = @ExampleObject(name = "planned", value = "{\"text\":\"Ремонт покрытия включён в план работ.\",\"plannedDate\":\"2026-12-15\"}")))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> interimAnswer(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.InterimAnswer body) {
        return workflow.interimAnswer(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch), body).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerIncident", summary = "Answer an incident",
            description = "→ ANSWERED with a resolution; NOT_RESPONSIBLE names the body to turn to. The answer also reaches "
                    + "every incident merged into this one.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowRequests.Answer.class),
            examples = { @ExampleObject(name = "fixed", value = "{\"text\":\"Яма заделана 02.12.2026.\",\"resolution\":\"FIXED\"}"),
                    @ExampleObject(name = "notResponsible", value = "{\"text\":\"Вопрос в ведении областного минздрава.\","
                            + "\"resolution\":\"NOT_RESPONSIBLE\",\"redirectedTo\":\"Министерство здравоохранения Самарской области\"}") }))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> answer(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.Answer body) {
        return workflow.answer(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch), body).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/merge")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mergeIncident", summary = "Merge into another incident",
            description = "This incident becomes a DUPLICATE of an open one and will receive its answer; merging into a "
                    + "duplicate targets its main incident, and this incident's own duplicates move along: no chains, no cycles.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowRequests.Merge.class),
            examples = @ExampleObject(name = "merge", value = "{\"intoNumber\":\"2611-000042\"}")))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> merge(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.Merge body) {
        return workflow.merge(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch), body).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addIncidentNote", summary = "Add an internal note",
            description = "Never shown to citizens or in public views.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkflowRequests.Note.class),
            examples = @ExampleObject(name = "note", value = "{\"text\":\"Созвонились с УК, выезд завтра\"}")))
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> note(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch,
            @Valid @NotNull WorkflowRequests.Note body) {
        return workflow.note(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch), body).map(StaffIncidentResource::withTag);
    }

    @POST
    @Path("/{number}/close")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "closeIncident", summary = "Close an answered incident", description = "ANSWERED → CLOSED. Operators only.")
    @APIResponse(responseCode = "200", ref = "IncidentAfterAction")
    @APIResponse(responseCode = "409", ref = "IllegalTransition")
    public Uni<Response> close(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number, @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = IF_MATCH_DESCRIPTION, required = true, example = "\"3\"") String ifMatch) {
        return workflow.close(caller(), number, VersionedResource.INCIDENT.fromClient(ifMatch)).map(StaffIncidentResource::withTag);
    }
}
