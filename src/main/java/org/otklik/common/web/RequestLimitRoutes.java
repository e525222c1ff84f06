package org.otklik.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.otklik.common.problem.ErrorDialect;
import org.otklik.common.problem.ProblemResponses;
import org.otklik.common.problem.ProblemType;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Request bodies are limited to 64 KiB, except on the bulk and upload endpoints named in configuration.
 * The declared Content-Length is checked before anything reads the body, so an over-size photo is refused
 * before a byte of it is received. A body of unknown length (HTTP/1.1 chunked, or an HTTP/2 stream without
 * Content-Length) is counted as it arrives: on the bulk and upload paths the server-wide limit (the upload one)
 * stops it, streamed to disk; anywhere else it is read into memory up to the path's limit and refused with 413
 * at the first byte past it, without keeping the rest. A chunked HTTP/1.1 body within the limit is then served;
 * an HTTP/2 one is answered 411 (send Content-Length): Quarkus REST 3.33 pauses every request it takes, and pausing
 * an HTTP/2 stream whose body was read throws.
 */
@ApplicationScoped
public class RequestLimitRoutes {

    private final HttpLimitsConfig limits;
    private final ProblemResponses problems;
    private static final String COUNTED = "otklik.body-counted";

    private final BodyHandler countingReader;

    public RequestLimitRoutes(HttpLimitsConfig limits, ProblemResponses problems) {
        this.limits = limits;
        this.problems = problems;
        this.countingReader = BodyHandler.create(false).setBodyLimit(limits.bodyLimit().asLongValue());
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check).failureHandler(this::tooLarge);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::counted);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long limit = limitFor(request.path());
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            if (carriesBody(request) && limit < Math.min(limits.bulkBodyLimit().asLongValue(), limits.uploadBodyLimit().asLongValue())) {
                // Reads the body counting its bytes and fails the request with 413 at the first one over the
                // limit (answered by tooLarge); the framework's own body handler then finds the body read.
                ctx.put(COUNTED, Boolean.TRUE);
                countingReader.handle(ctx);
                return;
            }
        } else if (exceeds(declared, limit)) {
            refuse(ctx, 413, ProblemType.PAYLOAD_TOO_LARGE, tooLargeDetail(limit));
            return;
        }
        ctx.next();
    }

    private void counted(RoutingContext ctx) {
        if (ctx.get(COUNTED) != null && ctx.request().version() == HttpVersion.HTTP_2) {
            refuse(ctx, 411, ProblemType.LENGTH_REQUIRED, "Send an HTTP/2 request body with a Content-Length header.");
        } else {
            ctx.next();
        }
    }

    private void tooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
            refuse(ctx, 413, ProblemType.PAYLOAD_TOO_LARGE, tooLargeDetail(limitFor(ctx.request().path())));
        } else {
            ctx.next();
        }
    }

    private static String tooLargeDetail(long limit) {
        return "The request body exceeds the limit of " + (limit / 1024) + " KiB.";
    }

    private long limitFor(String path) {
        if (limits.uploadPaths().contains(path)) {
            return limits.uploadBodyLimit().asLongValue();
        }
        return limits.bulkPaths().contains(path) ? limits.bulkBodyLimit().asLongValue() : limits.bodyLimit().asLongValue();
    }

    /**
     * HTTP/1.1 announces a body of unknown length with Transfer-Encoding; HTTP/2 has no such header, and a
     * stream whose headers did not end it carries a body.
     */
    private static boolean carriesBody(HttpServerRequest request) {
        HttpMethod method = request.method();
        boolean mayCarry = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        boolean unknownLength = request.version() == HttpVersion.HTTP_2 ? !request.isEnded()
                : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        return mayCarry && unknownLength;
    }

    private void refuse(RoutingContext ctx, int status, ProblemType type, String detail) {
        ErrorDialect.Body body = problems.render(problems.of(type, detail, ctx.request().path()));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // HTTP/2 has no connection header: the stream ends with the answer and the rest of the body is reset
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(body.content());
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
