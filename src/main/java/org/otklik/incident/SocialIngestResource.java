package org.otklik.incident;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.incident.social.SocialIngestRequest;
import org.otklik.incident.social.SocialIngestResult;
import org.otklik.incident.social.SocialIngestService;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/ingest/social")
@Tag(name = "Social-media ingest")
@RolesAllowed(Roles.INTEGRATION)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.SUBMISSIONS)
public class SocialIngestResource {

    private final SocialIngestService social;
    private final CurrentCaller caller;

    public SocialIngestResource(SocialIngestService social, CurrentCaller caller) {
        this.social = social;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "ingestSocialComments", summary = "Ingest captured social-media comments",
            description = "Each comment becomes an incident on channel SOCIAL with a topic suggested from its text "
                    + "(Russian keywords under stemming, with a confidence) and a district when the text names one. "
                    + "Idempotent by (platform, externalId). Each item is reported as created, duplicate or rejected; "
                    + "one bad item never fails the batch. Only the social-monitoring client may call it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SocialIngestRequest.class),
            examples = @ExampleObject(name = "batch", value = """
                    {"items":[{"platform":"VK","externalId":"wall-12345_67890","url":"https://vk.com/wall-12345_67890?reply=67891",\
                    "authorHandle":"id1234567","text":"Во дворе дома 5 в Советском районе третий день не вывозят мусор",\
                    "postedAt":"2026-11-27T19:42:00+04:00","pageId":"club12345"}]}""")))
    @APIResponse(responseCode = "200", description = "What became of each item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SocialIngestResult.class),
                    examples = @ExampleObject(name = "result", value = """
                            {"received":1,"created":1,"duplicates":0,"rejected":0,"items":[{"index":0,"platform":"VK",\
                            "externalId":"wall-12345_67890","outcome":"CREATED","number":"2611-000043",\
                            "categoryCode":"housing.waste","confidence":0.5}]}""")))
    public Uni<SocialIngestResult> ingest(@Valid @NotNull SocialIngestRequest body) {
        return social.ingest(caller.get(), body);
    }
}
