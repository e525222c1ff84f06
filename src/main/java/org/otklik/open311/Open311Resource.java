package org.otklik.open311;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;

/**
 * Open311 GeoReport v2 with the mySociety update extension. Every resource ends in {@code .json} or
 * {@code .xml}; errors come in the standard's form (see {@link Open311Errors}). HTTP only: parameters and forms
 * are read by {@link Open311Parameters} and {@link Open311Form}, the rules live in {@link Open311RequestService} and
 * {@link Open311UpdateService}.
 */
@Path("/open311/v2")
@Tag(name = "Open311")
@SecurityRequirements
@RateLimited(RateLimitGroup.LOOKUPS)
public class Open311Resource {

    static final String XML_NOTE = " Each answer also exists as XML: the same path with .xml (text/xml), elements as in "
            + "the GeoReport v2 specification.";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    static final String FORMAT = "json or xml; any other suffix is 404";
    static final String JURISDICTION = "Optional; another jurisdiction than ours is 404";
    private static final String CHANGESET = "2026-11-29T00:00:00+04:00";

    private final Open311Clients clients;
    private final Open311RequestService requests;
    private final Open311UpdateService updates;
    private final Open311Parameters parameters;
    private final Open311Writer writer;
    private final Open311Config config;

    public Open311Resource(Open311Clients clients, Open311RequestService requests, Open311UpdateService updates,
            Open311Parameters parameters, Open311Writer writer, Open311Config config) {
        this.clients = clients;
        this.requests = requests;
        this.updates = updates;
        this.parameters = parameters;
        this.writer = writer;
        this.config = config;
    }

    private static Open311Format format(String suffix) {
        return Open311Format.of(suffix).orElseThrow(() -> ProblemException.notFound(
                "Open311 resources end in .json or .xml, not ." + suffix + "."));
    }

    @GET
    @Path("discovery.{format}")
    @Operation(operationId = "open311Discovery", summary = "Open311 discovery",
            description = "Where the endpoint is, which specification and formats it serves, and whom to ask for a key." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The discovery document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Open311Views.Discovery.class)))
    public Response discovery(@Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId, @Context UriInfo uri) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        String url = config.publicUrl().orElseGet(() -> uri.getBaseUriBuilder().path("open311/v2").build().toString());
        return writer.object(format, "discovery", new Open311Views.Discovery(CHANGESET, config.contact(), config.keyService(),
                List.of(new Open311Views.Endpoint(SPECIFICATION, url, CHANGESET, config.endpointType(),
                        List.of("application/json", "text/xml")))));
    }

    @GET
    @Path("services.{format}")
    @Operation(operationId = "open311Services", summary = "Open311 services",
            description = "The leaf topics: code, Russian name, group (the parent topic), keywords; metadata=true when the "
                    + "service definition lists extra attributes." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The services",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Service.class),
                    examples = @ExampleObject(name = "services", value = """
                            [{"service_code":"housing.heating","service_name":"Отопление","description":"Heating",\
                            "metadata":true,"type":"realtime","keywords":"отопление, батарея","group":"ЖКХ"}]""")))
    public Uni<Response> services(@Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        return requests.services().map(services -> writer.list(format, 200, "services", "service", services));
    }

    @GET
    @Path("services/{code: [^/]+}.{format: [^./]+}")
    @Operation(operationId = "open311ServiceDefinition", summary = "Open311 service definition",
            description = "The extra attributes of a service (an empty list when it has none)." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The definition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Open311Views.ServiceDefinition.class)))
    public Uni<Response> definition(@Parameter(description = "A service_code", example = "housing.heating", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @PathParam("code") String code,
            @Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        return requests.definition(code).map(definition -> writer.object(format, "service_definition", definition));
    }

    @POST
    @Path("requests.{format}")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    @Operation(operationId = "open311CreateRequest", summary = "Open311: submit a service request",
            description = "Registers an incident on channel OPEN311 through the same intake as POST /api/v1/feedback "
                    + "(routing, working-time deadlines). One location is required: lat+long, address_string or address_id "
                    + "(address_id=#NOTPINPOINTED# with lat+long is FixMyStreet's unpinned report). attribute[code]=value "
                    + "(attribute[code][]=… for a multivaluelist) is checked against the service definition; "
                    + "attribute[fixmystreet_id] is the client's own id of the report: sending it again returns the "
                    + "same request. email, phone, first_name and last_name reach staff only. The request is registered "
                    + "at once: the answer carries its service_request_id and also a token." + XML_NOTE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(implementation = Open311Forms.NewRequest.class)),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = Open311Forms.NewRequest.class),
                    encoding = @Encoding(name = "media_url", contentType = MediaType.TEXT_PLAIN)) })
    @APIResponse(responseCode = "200", description = "Registered (or registered before with this fixmystreet_id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.RequestCreated.class, minItems = 1, maxItems = 1)))
    public Uni<Response> submit(@Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(hidden = true) @QueryParam("api_key") String queryKey, MultipartFormDataInput input) {
        Open311Format format = format(suffix);
        Open311Form form = Open311Form.of(input, queryKey);
        clients.checkJurisdiction(form.first("jurisdiction_id"));
        return requests.submit(form).map(created -> writer.list(format, 200, "service_requests", "request",
                List.of(created)));
    }

    @GET
    @Path("requests.{format}")
    @Operation(operationId = "open311Requests", summary = "Open311: service requests",
            description = "Public data only: no author, contact, street address, message or answer text; status_notes is "
                    + "a fixed phrase, lat/long are rounded to 0.001° (about 100 m). Rejected requests are listed only when asked for by id. service_request_id (a comma list) overrides the other "
                    + "filters. start_date/end_date select by time of request, at most " + "90 days apart; without them "
                    + "(and without updated_after/updated_before) the last 90 days. updated_after/updated_before alone select "
                    + "by last change, with the same limit. extensions=true adds the public timeline as notes[] and the "
                    + "mySociety status as extended_attributes.status. lat/long/radius (the common extension) keep the "
                    + "requests whose public point lies within radius metres (default 500, at most 5000) of the place; "
                    + "distances are measured to the rounded points, so they tell no more than the points do." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The requests, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Request.class, maxItems = 200)))
    public Uni<Response> requests(@Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId,
            @Parameter(description = "Comma-separated incident numbers, at most 200", example = "2611-000042,2611-000043",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 4200)) @QueryParam("service_request_id") String ids,
            @Parameter(description = "Comma-separated service codes", example = "roads.potholes", schema = @Schema(type = SchemaType.STRING, maxLength = 2000)) @QueryParam("service_code") String codes,
            @Parameter(description = "Requested at or after", example = "2026-11-01T00:00:00+04:00", schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40)) @QueryParam("start_date") String startDate,
            @Parameter(description = "Requested at or before; at most 90 days after start_date", example = "2026-11-29T00:00:00+04:00",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40)) @QueryParam("end_date") String endDate,
            @Parameter(description = "open, closed or both comma-separated", example = "open",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\s*(open|closed)\\s*(,\\s*(open|closed)\\s*)?$", maxLength = 40)) @QueryParam("status") String status,
            @Parameter(description = "Changed at or after", example = "2026-11-28T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40)) @QueryParam("updated_after") String updatedAfter,
            @Parameter(description = "Changed at or before", example = "2026-11-29T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40)) @QueryParam("updated_before") String updatedBefore,
            @Parameter(description = "From 1 (page times page_size stays below 2^31)", example = "1",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "2147483")) @QueryParam("page") String page,
            @Parameter(description = "1 to 200, default 100", example = "100",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "200")) @QueryParam("page_size") String pageSize,
            @Parameter(description = "true adds notes[] and extended_attributes", example = "true", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("extensions") String extensions,
            @Parameter(description = "With long: only requests whose public (rounded) point lies within radius of this place",
                    example = "53.2001", schema = @Schema(type = SchemaType.NUMBER, minimum = "-90", maximum = "90")) @QueryParam("lat") String lat,
            @Parameter(description = "With lat: the place's longitude (WGS 84)", example = "50.15",
                    schema = @Schema(type = SchemaType.NUMBER, minimum = "-180", maximum = "180")) @QueryParam("long") String lon,
            @Parameter(description = "With lat and long: metres, 1 to " + Open311Parameters.MAX_RADIUS_METRES + ", default "
                    + Open311Parameters.DEFAULT_RADIUS_METRES, example = "300",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "5000")) @QueryParam("radius") String radius) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        Open311Parameters.Listing listing = parameters.listing(new Open311Parameters.RequestFilters(ids, codes, startDate,
                endDate, status, updatedAfter, updatedBefore, page, pageSize, extensions, lat, lon, radius));
        return requests.requests(listing).map(found -> writer.list(format, 200, "service_requests", "request", found));
    }

    @GET
    @Path("requests/{id: [^/]+}.{format: [^./]+}")
    @Operation(operationId = "open311Request", summary = "Open311: one service request",
            description = "As in the list (a list of one, as the standard has it)." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Request.class, minItems = 1, maxItems = 1)))
    public Uni<Response> request(@Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("id") String id,
            @Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId,
            @Parameter(description = "true adds notes[]", example = "true", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("extensions") String extensions) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        Open311Parameters.Listing listing = parameters.listing(Open311Parameters.RequestFilters.one(id, extensions));
        return requests.request(id, listing).map(found -> writer.list(format, 200, "service_requests", "request", found));
    }

    @GET
    @Path("tokens/{token: [^/]+}.{format: [^./]+}")
    @Operation(operationId = "open311Token", summary = "Open311: the request of a token", description = "The service_request_id behind a token from POST requests." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The request id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Token.class, minItems = 1, maxItems = 1)))
    public Uni<Response> token(@Parameter(description = "A token from POST requests", schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @PathParam("token") String token,
            @Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        return requests.token(token).map(tokens -> writer.list(format, 200, "service_requests", "request", tokens));
    }

    @GET
    @Path("servicerequestupdates.{format}")
    @Operation(operationId = "open311Updates", summary = "Open311 (mySociety): updates of service requests",
            description = "The public timeline entries between start_date and end_date (at most 90 days apart; default "
                    + "the last 90 days), oldest first, with lower-case statuses. description is a fixed phrase, except "
                    + "that a client calling with its api_key receives the answer text of the requests it submitted: that "
                    + "is how the answer reaches the citizen on this channel." + XML_NOTE)
    @APIResponse(responseCode = "200", description = "The updates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Update.class, maxItems = 200)))
    public Uni<Response> updates(@Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(description = JURISDICTION, schema = @Schema(type = SchemaType.STRING, maxLength = 253)) @QueryParam("jurisdiction_id") String jurisdictionId,
            @Parameter(description = "Optional: the calling client's key", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("api_key") String apiKey,
            @Parameter(description = "Changes at or after", example = "2026-11-28T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40)) @QueryParam("start_date") String startDate,
            @Parameter(description = "Changes at or before; at most 90 days after start_date", example = "2026-11-29T00:00:00Z",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40)) @QueryParam("end_date") String endDate,
            @Parameter(description = "From 1 (page times page_size stays below 2^31)", example = "1",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "2147483")) @QueryParam("page") String page,
            @Parameter(description = "1 to 200, default 200", example = "200",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "200")) @QueryParam("page_size") String pageSize) {
        Open311Format format = format(suffix);
        clients.checkJurisdiction(jurisdictionId);
        Open311Parameters.UpdatesPage updatesPage = parameters.updatesPage(startDate, endDate, page, pageSize);
        return updates.updates(apiKey, updatesPage)
                .map(found -> writer.list(format, 200, "service_request_updates", "request_update", found));
    }

    @POST
    @Path("servicerequestupdates.{format}")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    @Operation(operationId = "open311PostUpdate", summary = "Open311 (mySociety): a back office posts an update",
            description = "Only keys registered for an organisation; only incidents assigned to it. The update becomes a "
                    + "staff note (status and description); INVESTIGATING, IN_PROGRESS or ACTION_SCHEDULED also moves an "
                    + "ASSIGNED or REOPENED incident to IN_PROGRESS. Answering and closing stay with staff. An update_id "
                    + "sent again is acknowledged and ignored." + XML_NOTE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(implementation = Open311Forms.NewUpdate.class)),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = Open311Forms.NewUpdate.class)) })
    @APIResponse(responseCode = "200", description = "Accepted (or accepted before)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.UpdateAccepted.class, minItems = 1, maxItems = 1)))
    public Uni<Response> postUpdate(@Parameter(description = FORMAT, schema = @Schema(enumeration = { "json", "xml" })) @PathParam("format") String suffix,
            @Parameter(hidden = true) @QueryParam("api_key") String queryKey, MultipartFormDataInput input) {
        Open311Format format = format(suffix);
        Open311Form form = Open311Form.of(input, queryKey);
        clients.checkJurisdiction(form.first("jurisdiction_id"));
        return updates.postUpdate(form)
                .map(accepted -> writer.list(format, 200, "service_request_updates", "request_update", accepted));
    }
}
