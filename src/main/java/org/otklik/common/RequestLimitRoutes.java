package org.otklik.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a declared body over the configured limit with a problem+json 413 before anything
 * reads it (Vert.x would otherwise answer with an empty 413).
 */
@ApplicationScoped
public class RequestLimitRoutes {

    private final long maxBodyBytes;
    private final ProblemResponses problems;

    public RequestLimitRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ProblemResponses problems) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared)) {
                Problem problem = problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body exceeds the limit of " + (maxBodyBytes / 1024) + " KiB.", ctx.request().path());
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problems.toJson(problem));
                return;
            }
            ctx.next();
        });
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
