package org.otklik.incident;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.incident.views.CitizenIncidentService;
import org.otklik.incident.views.IncidentStatusView;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/incidents/{number}/status")
@Tag(name = "Incident status")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.LOOKUPS)
public class IncidentStatusResource {

    private final CitizenIncidentService incidents;

    public IncidentStatusResource(CitizenIncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getIncidentStatus", summary = "Public status of an incident",
            description = "Anyone with the number may look the status up. No author, contact data, external ids, "
                    + "exact address or free text (message, answer, comments) are shown: numbers run in sequence. "
                    + "Rate limited per client address (group lookups).")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IncidentStatusView.class),
                    examples = @ExampleObject(name = "answered", value = """
                            {"number":"2611-000042","status":"ANSWERED","mergedInto":null,\
                            "category":{"code":"roads.potholes","nameRu":"Ямы и покрытие","nameEn":"Potholes and surface"},\
                            "district":{"code":"oktyabrsky","nameRu":"Октябрьский","nameEn":"Oktyabrsky"},\
                            "organization":{"code":"dep.roads","nameRu":"Департамент дорожного хозяйства"},\
                            "createdAt":"2026-11-27T20:15:03+04:00","updatedAt":"2026-12-02T15:40:00+04:00",\
                            "firstResponseDue":"2026-11-30T18:00:00+04:00","resolutionDue":"2026-12-11T18:00:00+04:00",\
                            "overdue":false,"resolution":"FIXED","answeredAt":"2026-12-02T15:40:00+04:00","supporters":3,\
                            "photos":[{"id":"c5136cd8-c787-41d8-a076-5ecfa09fb238","width":2560,"height":1920,\
                            "url":"/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238",\
                            "thumbnailUrl":"/api/v1/media/c5136cd8-c787-41d8-a076-5ecfa09fb238/thumbnail","publishable":true}]}""")))
    public Uni<IncidentStatusView> status(
            @Parameter(description = "The incident number", example = "2611-000042", schema = @Schema(type = SchemaType.STRING, maxLength = 20)) @PathParam("number") String number) {
        return incidents.publicStatus(number);
    }
}
