package org.otklik.notify;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.otklik.common.problem.Problem;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;

/**
 * The link of a confirmation mail (double opt-in). Opening it shows a page whose button POSTs; a GET never confirms,
 * so that link scanners cannot.
 */
@Path("/api/v1/mail/confirmation")
@Tag(name = "Hearing back")
@RateLimited(RateLimitGroup.LOOKUPS)
@PermitAll
public class ConfirmationResource {

    private static final String TOKEN = "The token of the confirmation mail's link";

    private final ConfirmationService confirmations;

    public ConfirmationResource(ConfirmationService confirmations) {
        this.confirmations = confirmations;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "showMailConfirmation", summary = "The page of a confirmation link",
            description = "A page with a button that confirms the address. No login; nothing changes on GET.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, maxLength = 4000)))
    public String page(@Parameter(description = TOKEN, required = true, schema = @Schema(type = SchemaType.STRING,
            pattern = UnsubscribeTokens.TOKEN_PATTERN, maxLength = 103)) @QueryParam("token") String token) {
        confirmations.check(token);
        return MailPages.confirmAddress();
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "confirmMailAddress", summary = "Confirm an address (double opt-in)",
            description = "Confirms the address the link was mailed to: the mails the resident asked for (about their message, "
                    + "or the notices they follow) go to it from now on, those held meanwhile first. No login. Repeating it "
                    + "changes nothing.")
    @APIResponse(responseCode = "200", description = "Confirmed",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, maxLength = 4000)))
    @APIResponse(responseCode = "404", description = "The link has expired, or the address was forgotten meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<String> confirm(@Parameter(description = TOKEN, required = true, schema = @Schema(type = SchemaType.STRING,
            pattern = UnsubscribeTokens.TOKEN_PATTERN, maxLength = 103)) @QueryParam("token") String token) {
        return confirmations.confirm(token).map(outcome -> MailPages.addressConfirmed());
    }
}
