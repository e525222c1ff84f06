package org.otklik.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Request bodies are limited to 64 KiB, except on the bulk and upload endpoints named in configuration.
 * The declared Content-Length is checked before anything reads the body, so an over-size photo is refused
 * before a byte of it is received; a body of unknown length is accepted only on the bulk and upload paths,
 * where the server-wide limit (the upload one) stops it, since it could not be stopped at 64 KiB.
 */
@ApplicationScoped
public class RequestLimitRoutes {

    private final HttpLimitsConfig limits;
    private final ProblemResponses problems;

    public RequestLimitRoutes(HttpLimitsConfig limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long limit = limitFor(request.path());
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            if (carriesBody(request) && limit < Math.min(limits.bulkBodyLimit().asLongValue(), limits.uploadBodyLimit().asLongValue())) {
                refuse(ctx, 411, ProblemType.LENGTH_REQUIRED, "Send the request body with a Content-Length header.");
                return;
            }
        } else if (exceeds(declared, limit)) {
            refuse(ctx, 413, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds the limit of " + (limit / 1024) + " KiB.");
            return;
        }
        ctx.next();
    }

    private long limitFor(String path) {
        if (limits.uploadPaths().contains(path)) {
            return limits.uploadBodyLimit().asLongValue();
        }
        return limits.bulkPaths().contains(path) ? limits.bulkBodyLimit().asLongValue() : limits.bodyLimit().asLongValue();
    }

    private static boolean carriesBody(HttpServerRequest request) {
        HttpMethod method = request.method();
        boolean mayCarry = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        return mayCarry && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private void refuse(RoutingContext ctx, int status, ProblemType type, String detail) {
        ErrorDialect.Body body = problems.render(problems.of(type, detail, ctx.request().path()));
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, body.contentType())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body.content());
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
