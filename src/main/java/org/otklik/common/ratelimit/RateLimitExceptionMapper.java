package org.otklik.common.ratelimit;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.otklik.common.problem.ProblemResponses;
import org.otklik.common.problem.ProblemType;

import io.vertx.core.http.HttpServerRequest;

/** 429 problem+json with Retry-After and the RateLimit headers. */
public class RateLimitExceptionMapper {

    private final ProblemResponses problems;

    public RateLimitExceptionMapper(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response mapRateLimitExceeded(RateLimitExceededException exception, HttpServerRequest request) {
        Response.ResponseBuilder answer = Response.fromResponse(
                problems.toResponse(problems.of(ProblemType.TOO_MANY_REQUESTS, exception.getMessage(), request.path())));
        exception.headers().forEach(answer::header);
        return answer.build();
    }
}
