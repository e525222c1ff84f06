package org.otklik.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.notify.SubscriptionViews.SubscriptionsRequest;
import org.otklik.notify.SubscriptionViews.SubscriptionsView;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/me/subscriptions")
@Tag(name = "Hearing back")
@RolesAllowed(Roles.CITIZEN)
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final CurrentCaller caller;

    public SubscriptionResource(SubscriptionService subscriptions, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @GET
    @RateLimited(RateLimitGroup.LOOKUPS)
    @Operation(operationId = "getMyNoticeSubscriptions", summary = "The city notices I follow by e-mail",
            description = "The address, language, digest hour and district-and-topic subscriptions; none yet: no address and "
                    + "an empty list. addressRefused says the mail server refused the address for good.")
    @APIResponse(responseCode = "200", description = "The caller's subscriptions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionsView.class)))
    public Uni<SubscriptionsView> get() {
        return subscriptions.get(caller.get().subject());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimitGroup.SUBMISSIONS)
    @Operation(operationId = "replaceMyNoticeSubscriptions", summary = "Follow city notices by e-mail",
            description = "Replaces all of the caller's subscriptions. Each names a district and optionally a topic (a topic "
                    + "includes its sub-topics; none: every topic) and is mailed IMMEDIATE (a mail per notice published, "
                    + "changed or ended) or in the DAILY_DIGEST at digestHour, city time (Europe/Samara). The address is the "
                    + "body's email, else the access token's email claim when email_verified is true.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionsRequest.class),
            examples = @ExampleObject(name = "district", value = "{\"email\":\"resident@example.org\",\"language\":\"ru\",\"digestHour\":8,"
                    + "\"items\":[{\"districtCode\":\"leninsky\",\"categoryCode\":\"housing\",\"delivery\":\"IMMEDIATE\"},"
                    + "{\"districtCode\":\"leninsky\",\"categoryCode\":null,\"delivery\":\"DAILY_DIGEST\"}]}")))
    @APIResponse(responseCode = "200", description = "The caller's subscriptions as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionsView.class)))
    public Uni<SubscriptionsView> replace(@Valid @NotNull SubscriptionsRequest body) {
        return subscriptions.replace(caller.get().subject(), caller.verifiedEmail(), body);
    }

    @DELETE
    @RateLimited(RateLimitGroup.SUBMISSIONS)
    @Operation(operationId = "deleteMyNoticeSubscriptions", summary = "Stop following city notices",
            description = "Deletes every subscription, the address and the pending notice mails. Idempotent.")
    @APIResponse(responseCode = "204", description = "Nothing is followed any more")
    public Uni<Response> delete() {
        return subscriptions.delete(caller.get().subject()).map(done -> Response.noContent().build());
    }
}
