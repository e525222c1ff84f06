package org.otklik.notify;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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
import org.otklik.common.problem.ProblemException;
import org.otklik.common.ratelimit.RateLimitGroup;
import org.otklik.common.ratelimit.RateLimited;
import org.otklik.notify.UnsubscribeService.Stopped;

import io.smallrye.mutiny.Uni;

/**
 * The link in every mail's {@code List-Unsubscribe} header and footer. Mail programs POST to it (RFC 8058 one-click);
 * a person who opens it sees a page whose button POSTs. A GET never unsubscribes, so that link scanners cannot.
 */
@Path("/api/v1/mail/unsubscribe")
@Tag(name = "Hearing back")
@RateLimited(RateLimitGroup.LOOKUPS)
@PermitAll
public class UnsubscribeResource {

    private static final String TOKEN = "The token of the mail's unsubscribe link";

    private final UnsubscribeService unsubscribe;

    public UnsubscribeResource(UnsubscribeService unsubscribe) {
        this.unsubscribe = unsubscribe;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "showMailUnsubscribe", summary = "The unsubscribe page of a mail",
            description = "A page naming what the link stops, with a button that stops it. No login; nothing changes on GET.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, maxLength = 4000)))
    public String page(@Parameter(description = TOKEN, required = true, schema = @Schema(type = SchemaType.STRING,
            pattern = UnsubscribeTokens.TOKEN_PATTERN, maxLength = 103)) @QueryParam("token") String token) {
        Stopped stopped = unsubscribe.check(token);
        return MailPages.confirm(stopped);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "mailUnsubscribe", summary = "Unsubscribe in one click (RFC 8058)",
            description = "Stops only what the link names: the mails about one message, the notices mailed at once, or the "
                    + "daily digest, with their pending mails. No login. Mail programs send the body List-Unsubscribe=One-Click. "
                    + "Repeating it changes nothing.")
    @APIResponse(responseCode = "200", description = "Unsubscribed",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, maxLength = 4000)))
    public Uni<String> unsubscribe(@Parameter(description = TOKEN, required = true, schema = @Schema(type = SchemaType.STRING,
            pattern = UnsubscribeTokens.TOKEN_PATTERN, maxLength = 103)) @QueryParam("token") String token,
            @Schema(type = SchemaType.STRING, enumeration = { "One-Click" }, maxLength = 9,
                    description = "One-Click, as RFC 8058 has mail programs send it") @FormParam("List-Unsubscribe") String oneClick) {
        if (oneClick != null && !"One-Click".equals(oneClick)) {
            return Uni.createFrom().failure(ProblemException.invalidField("/List-Unsubscribe", "must be One-Click"));
        }
        return unsubscribe.unsubscribe(token).map(MailPages::done);
    }
}
