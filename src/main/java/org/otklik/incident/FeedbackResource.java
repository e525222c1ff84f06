package org.otklik.incident;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import org.otklik.common.idempotency.IdempotencyService;
import org.otklik.common.idempotency.IdempotencyStore;
import org.otklik.common.idempotency.IdempotentRequest;
import org.otklik.common.idempotency.StoredResponse;
import org.otklik.common.problem.Problem;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.incident.views.IncidentReceipt;
import org.otklik.security.Caller;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/feedback")
@Tag(name = "Feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.SUBMISSIONS)
public class FeedbackResource {

    private final IntakeService intake;
    private final IdempotencyService idempotency;
    private final CurrentCaller caller;
    private final ObjectMapper objectMapper;

    public FeedbackResource(IntakeService intake, IdempotencyService idempotency, CurrentCaller caller,
            ObjectMapper objectMapper) {
        this.intake = intake;
        this.idempotency = idempotency;
        this.caller = caller;
        this.objectMapper = objectMapper;
    }

    @POST
    @RolesAllowed({ Roles.CITIZEN, Roles.INTEGRATION })
    @Operation(operationId = "submitFeedback", summary = "Submit a message",
            description = "Registers a citizen's message as an incident, routes it to the responsible organisation and "
                    + "returns the deadlines. Citizens submit through the widget and mobile clients; the Gosuslugi gateway "
                    + "submits on behalf of a citizen with the platform's message id as externalId (a repeat of that id "
                    + "returns the existing incident with 200). The channel is the calling client's.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackRequest.class),
            examples = {
                    @ExampleObject(name = "citizen", summary = "From the website widget", value = """
                            {"categoryCode":"roads.potholes","text":"На Московском шоссе у дома 41 огромная яма, пробил колесо.",\
                            "districtCode":"oktyabrsky","address":"Московское шоссе, 41","location":{"lat":53.2201,"lon":50.1872},\
                            "attachments":["https://files.example.org/photo-1.jpg"],"contact":{"phone":"+7 900 123-45-67"}}"""),
                    @ExampleObject(name = "gosuslugi", summary = "From the Gosuslugi gateway", value = """
                            {"categoryCode":"housing.heating","text":"Нет отопления в квартире третий день.",\
                            "districtCode":"leninsky","externalId":"POS-2026-118842","citizenId":"1000123456"}""") }))
    @Parameter(name = IdempotencyStore.HEADER, in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER,
            description = "Makes a retry safe: the same key and body return the first response again; the same key "
                    + "with another body is refused with 422. Scoped to the caller.",
            schema = @Schema(type = SchemaType.STRING, maxLength = 255), example = "6c3a0f7e-2f4b-4d1e-9f0a-1b2c3d4e5f60")
    @APIResponse(responseCode = "201", description = "Registered",
            headers = @Header(name = "Location", description = "The incident", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentReceipt.class),
                    examples = @ExampleObject(name = "registered", value = """
                            {"number":"2611-000042","status":"NEW","category":{"code":"roads.potholes","nameRu":"Ямы и покрытие",\
                            "nameEn":"Potholes and surface"},"district":{"code":"oktyabrsky","nameRu":"Октябрьский","nameEn":"Oktyabrsky"},\
                            "districtSource":"LOCATION","organization":{"code":"dep.roads","nameRu":"Департамент дорожного хозяйства"},\
                            "firstResponseDue":"2026-11-30T18:00:00+04:00","resolutionDue":"2026-12-11T18:00:00+04:00",\
                            "createdAt":"2026-11-27T20:15:03+04:00","notices":[]}""")))
    @APIResponse(responseCode = "200", description = "The Gosuslugi message was registered before: the existing incident",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentReceipt.class)))
    @APIResponse(responseCode = "403", description = "Not a citizen or integration client, or a client that is not a submission channel",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> submit(@Valid @NotNull FeedbackRequest body,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey) {
        Caller current = caller.get();
        IdempotentRequest request = new IdempotentRequest(current.subject(), "submit-feedback", idempotencyKey, body);
        return intake.admit(current, caller.verifiedEmail(), body)
                .chain(admitted -> idempotency.onceInPoolTransaction(request,
                        transaction -> intake.submit(transaction, admitted).map(this::stored)))
                .map(StoredResponse::toResponse);
    }

    private StoredResponse stored(IntakeService.Submitted submitted) {
        String number = submitted.receipt().number();
        return StoredResponse.of(objectMapper, submitted.created() ? 201 : 200, submitted.receipt(),
                submitted.byAuthor() ? "/api/v1/me/incidents/" + number : "/api/v1/incidents/" + number + "/status");
    }
}
