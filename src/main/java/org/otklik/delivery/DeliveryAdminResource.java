package org.otklik.delivery;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.otklik.common.web.Page;
import org.otklik.delivery.DeliveryViews.Delivery;
import org.otklik.delivery.DeliveryViews.DeliveryPage;
import org.otklik.delivery.DeliveryViews.Subscription;
import org.otklik.delivery.DeliveryViews.SubscriptionCreated;
import org.otklik.delivery.DeliveryViews.SubscriptionRequest;
import org.otklik.security.CurrentCaller;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin")
@Tag(name = "Answer delivery")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.ADMIN)
public class DeliveryAdminResource {

    private final DeliveryAdminService deliveries;
    private final CurrentCaller caller;

    public DeliveryAdminResource(DeliveryAdminService deliveries, CurrentCaller caller) {
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a webhook receiver",
            description = "For the widget host and the mobile backend. Events are signed per the Standard Webhooks spec "
                    + "(webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>). "
                    + "The URL must be https and must not resolve to a loopback, private, link-local or metadata address. "
                    + "The secret is shown once, in this answer.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "widget", value = "{\"url\":\"https://widget.example.org/otklik/events\","
                    + "\"events\":[\"incident.answered\",\"incident.interim_answer\"]}")))
    @APIResponse(responseCode = "201", description = "Subscribed; keep the secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionCreated.class)))
    public Uni<Response> subscribe(@Valid @NotNull SubscriptionRequest body) {
        return deliveries.subscribe(body, caller.name())
                .map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Path("/webhooks")
    @Operation(operationId = "listWebhookSubscriptions", summary = "Webhook subscriptions", description = "Without their secrets.")
    @APIResponse(responseCode = "200", description = "All subscriptions, disabled ones included",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Subscription.class)))
    public Uni<List<Subscription>> subscriptions() {
        return deliveries.subscriptions();
    }

    @POST
    @Path("/webhooks/{id}/secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a subscriber's signing secret",
            description = "Returns the new secret once. For a day both secrets sign every event (two v1 signatures in "
                    + "webhook-signature), so the receiver can switch over without missing one.")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionCreated.class)))
    public Uni<SubscriptionCreated> rotateSecret(@PathParam("id") UUID id) {
        return deliveries.rotateSecret(id);
    }

    @DELETE
    @Path("/webhooks/{id}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Unsubscribe a webhook receiver",
            description = "Its pending deliveries are cancelled.")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    public Uni<Response> unsubscribe(@PathParam("id") UUID id) {
        return deliveries.unsubscribe(id).map(done -> Response.noContent().build());
    }

    @GET
    @Path("/deliveries")
    @Operation(operationId = "listDeliveries", summary = "The delivery log",
            description = "Newest first, keyset-paged; filter by state and by channel (destination).")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryPage.class)))
    public Uni<DeliveryPage> list(
            @Parameter(description = "PENDING, DELIVERED, DEAD or CANCELLED", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "PENDING", "DELIVERED", "DEAD", "CANCELLED" })) @QueryParam("state") String state,
            @Parameter(description = "GOSUSLUGI, SOCIAL, WEBHOOK or MAIL (residents' mails, addresses masked)", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "GOSUSLUGI", "SOCIAL", "WEBHOOK", "MAIL" })) @QueryParam("channel") String channel,
            @Parameter(description = "The nextCursor of the previous page", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return deliveries.deliveries(state, channel, cursor, limit);
    }

    @POST
    @Path("/deliveries/{id}/retry")
    @Operation(operationId = "retryDelivery", summary = "Send a delivery again",
            description = "A dead delivery (or a pending one that no relay is sending right now) is sent at once, with a fresh set of attempts.")
    @APIResponse(responseCode = "200", description = "The delivery, pending again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "409", description = "A delivered or cancelled delivery is not sent again; one in flight is not retried until its attempt has ended",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Delivery> retry(@PathParam("id") UUID id) {
        return deliveries.retry(id);
    }
}
