package org.otklik.notify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.notify.SubscriptionViews.Counts;
import org.otklik.security.Roles;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/notice-subscriptions")
@Tag(name = "Hearing back")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimitGroup.ADMIN)
public class SubscriptionCountsResource {

    private final SubscriptionService subscriptions;

    public SubscriptionCountsResource(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    @Path("/counts")
    @Operation(operationId = "countNoticeSubscriptions", summary = "How many residents follow which notices",
            description = "Counts of residents and of subscriptions per district and per topic, each IMMEDIATE and "
                    + "DAILY_DIGEST. Never an address or a resident.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Counts.class)))
    public Uni<Counts> counts() {
        return subscriptions.counts();
    }
}
