package org.otklik.common.problem;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.otklik.common.problem.Problem.FieldError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds problem+json answers. The body is serialised here, so that a problem can be sent whatever
 * the client asked for in {@code Accept} (a 406 must still carry a problem body).
 */
@ApplicationScoped
public class ProblemResponses {

    public static final String CORRELATION_HEADER = "X-Request-Id";
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private final ObjectMapper objectMapper;
    private final Instance<ErrorDialect> dialects;

    public ProblemResponses(ObjectMapper objectMapper, Instance<ErrorDialect> dialects) {
        this.objectMapper = objectMapper;
        this.dialects = dialects;
    }

    public Problem of(ProblemKind type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, List.of(), Map.of());
    }

    public Problem plainStatus(int status, String detail, String instance) {
        return new Problem("about:blank", ProblemType.statusPhrase(status), status, detail, instance, List.of(), Map.of());
    }

    public Problem of(ProblemException exception, String instance) {
        ProblemKind type = exception.kind();
        return new Problem(type.uri(), type.title(), type.status(), exception.getMessage(), instance,
                exception.errors(), exception.extensions());
    }

    public Problem validation(String detail, List<FieldError> errors, String instance) {
        ProblemType type = ProblemType.VALIDATION;
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors, Map.of());
    }

    public Problem withErrors(ProblemKind type, String detail, List<FieldError> errors, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors, Map.of());
    }

    public Problem internal(String correlationId, String instance) {
        ProblemType type = ProblemType.INTERNAL;
        return new Problem(type.uri(), type.title(), type.status(),
                "An unexpected error occurred. Quote the correlation id when reporting it.", instance, List.of(),
                Map.of("correlationId", correlationId));
    }

    public String toJson(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}";
        }
    }

    public Response toResponse(Problem problem) {
        ErrorDialect.Body body = render(problem);
        return Response.status(problem.status())
                .type(body.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(body.content())
                .build();
    }

    /** The problem as problem+json, or in the error form of the standard its path implements. */
    public ErrorDialect.Body render(Problem problem) {
        if (problem.instance() != null) {
            for (ErrorDialect dialect : dialects) {
                if (dialect.covers(problem.instance())) {
                    return dialect.render(problem);
                }
            }
        }
        return new ErrorDialect.Body(Problem.MEDIA_TYPE, toJson(problem));
    }

    /** The caller's request id when it is safe to echo, otherwise a new random one. */
    public static String correlationId(String requested) {
        if (requested != null && SAFE_CORRELATION_ID.matcher(requested).matches()) {
            return requested;
        }
        return UUID.randomUUID().toString();
    }
}
