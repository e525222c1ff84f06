package org.otklik.common.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.otklik.common.database.DatabaseConfig;
import org.otklik.common.database.DatabaseOutage;
import org.otklik.common.observability.Tracing;
import org.otklik.common.problem.Problem.FieldError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 answer. Nothing here echoes
 * an exception message from a library: those can name classes or carry the caller's input.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final String BEARER_CHALLENGE = "Bearer realm=\"otklik\"";

    private final ProblemResponses problems;
    private final DatabaseConfig database;
    private final Tracing tracing;

    public ProblemExceptionMappers(ProblemResponses problems, DatabaseConfig database, Tracing tracing) {
        this.tracing = tracing;
        this.problems = problems;
        this.database = database;
    }

    @ServerExceptionMapper
    public Response mapProblem(ProblemException exception, HttpServerRequest request) {
        return problems.toResponse(problems.of(exception, request.path()));
    }

    @ServerExceptionMapper
    public Response mapAuthenticationFailed(AuthenticationFailedException exception, HttpServerRequest request) {
        return unauthenticated("The access token is missing, expired, not yet valid or not trusted.",
                BEARER_CHALLENGE + ", error=\"invalid_token\"", request);
    }

    @ServerExceptionMapper
    public Response mapUnauthorized(UnauthorizedException exception, HttpServerRequest request) {
        return unauthenticated("This operation needs a bearer access token.", BEARER_CHALLENGE, request);
    }

    private Response unauthenticated(String detail, String challenge, HttpServerRequest request) {
        Problem problem = problems.of(ProblemType.UNAUTHENTICATED, detail, request.path());
        return Response.fromResponse(problems.toResponse(problem))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }

    @ServerExceptionMapper
    public Response mapForbidden(ForbiddenException exception, HttpServerRequest request) {
        return problems.toResponse(problems.of(ProblemType.FORBIDDEN,
                "Your role does not allow this operation.", request.path()));
    }

    @ServerExceptionMapper
    public Response mapViolation(ResteasyReactiveViolationException exception, HttpServerRequest request) {
        return mapConstraintViolations(exception, request);
    }

    @ServerExceptionMapper
    public Response mapConstraintViolations(ConstraintViolationException exception, HttpServerRequest request) {
        boolean returnValue = exception.getConstraintViolations().stream()
                .anyMatch(v -> v.getPropertyPath().toString().contains("<return value>"));
        if (returnValue) {
            return internalError(exception, request);
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            errors.add(toFieldError(violation));
        }
        errors.sort(Comparator.comparing((FieldError e) -> e.pointer() == null ? "" : e.pointer())
                .thenComparing(e -> e.parameter() == null ? "" : e.parameter()));
        return problems.toResponse(problems.validation(
                errors.size() == 1 ? "1 field is not valid." : errors.size() + " fields are not valid.",
                errors, request.path()));
    }

    /**
     * A violation on a resource method arrives as method / parameter / property nodes. Property
     * nodes below a parameter lie inside the request body and become a JSON Pointer; a violation on
     * the parameter itself names the parameter.
     */
    static FieldError toFieldError(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder pointer = new StringBuilder();
        boolean inBody = false;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT
                    || kind == ElementKind.BEAN) {
                if (node.getIndex() != null) {
                    pointer.append('/').append(node.getIndex());
                } else if (node.getKey() != null) {
                    pointer.append('/').append(escape(String.valueOf(node.getKey())));
                }
                if (kind == ElementKind.PROPERTY && node.getName() != null) {
                    pointer.append('/').append(escape(node.getName()));
                    inBody = true;
                }
            }
        }
        if (inBody || parameter == null) {
            return FieldError.atPointer(pointer.length() == 0 ? "" : pointer.toString(), violation.getMessage());
        }
        return FieldError.atParameter(parameter, violation.getMessage());
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException exception, HttpServerRequest request) {
        String pointer = pointerOf(exception);
        String message;
        if (exception instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (exception instanceof InvalidFormatException) {
            message = "value has the wrong format";
        } else if (exception.getTargetType() != null) {
            message = "expected " + describe(exception.getTargetType());
        } else {
            message = "value has the wrong type";
        }
        return problems.toResponse(problems.withErrors(ProblemType.UNREADABLE_BODY, message,
                List.of(FieldError.atPointer(pointer, message)), request.path()));
    }

    private static String pointerOf(JsonMappingException exception) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                pointer.append('/').append(escape(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                pointer.append('/').append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException exception, HttpServerRequest request) {
        int status = exception.getResponse().getStatus();
        if (exception.getCause() instanceof MismatchedInputException mismatch) {
            return mapMismatchedInput(mismatch, request);
        }
        if (exception.getCause() instanceof JsonProcessingException) {
            return problems.toResponse(problems.of(ProblemType.MALFORMED_JSON,
                    "The request body could not be parsed as JSON.", request.path()));
        }
        if (status >= 500) {
            return internalError(exception, request);
        }
        if (exception instanceof NotFoundException && exception.getCause() != null) {
            // JAX-RS answers 404 when a query or path parameter cannot be converted to its type
            return problems.toResponse(problems.of(ProblemType.BAD_PARAMETER,
                    "A query or path parameter has a value of the wrong type.", request.path()));
        }
        Response.ResponseBuilder builder = Response.fromResponse(
                problems.toResponse(problems.plainStatus(status, detailFor(status, request), request.path())));
        copyHeader(exception.getResponse(), builder, HttpHeaders.ALLOW);
        copyHeader(exception.getResponse(), builder, HttpHeaders.WWW_AUTHENTICATE);
        copyHeader(exception.getResponse(), builder, HttpHeaders.RETRY_AFTER);
        return builder.build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String header) {
        Object value = from.getHeaders().getFirst(header);
        if (value != null) {
            to.header(header, value);
        }
    }

    private static String detailFor(int status, HttpServerRequest request) {
        return switch (status) {
            case 400 -> "The request is not valid.";
            case 404 -> "Nothing is found at " + request.path() + ".";
            case 405 -> "The method " + request.method() + " is not allowed here.";
            case 406 -> "None of the media types in Accept can be produced here.";
            case 413 -> "The request body exceeds the limit of 64 KiB.";
            case 415 -> "The Content-Type of the request is not supported here.";
            default -> ProblemType.statusPhrase(status) + ".";
        };
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response mapUnexpected(Throwable exception, HttpServerRequest request) {
        if (DatabaseOutage.causedBy(exception)) {
            return databaseUnavailable(exception, request);
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException || cause instanceof org.hibernate.StaleStateException
                    || (cause instanceof io.vertx.pgclient.PgException pg && RETRYABLE_SQL_STATES.contains(pg.getSqlState()))) {
                return problems.toResponse(problems.of(ProblemType.CONFLICT,
                        "Someone else changed the same data at the same moment; reload and try again.", request.path()));
            }
            String sqlState = sqlState(cause);
            if (sqlState != null && UNSTORABLE_TEXT_SQL_STATES.contains(sqlState)) {
                return problems.toResponse(problems.of(ProblemType.VALIDATION,
                        "The request contains a character that cannot be stored, such as U+0000.", request.path()));
            }
            if (cause instanceof io.quarkus.oidc.OIDCException) {
                LOG.warnf("The OIDC provider is unavailable [%s %s]", request.method(), request.path());
                return Response.fromResponse(problems.toResponse(problems.of(ProblemType.SERVICE_UNAVAILABLE,
                        "The identity provider cannot be reached; try again shortly.", request.path())))
                        .header(HttpHeaders.RETRY_AFTER, "30").build();
            }
        }
        return internalError(exception, request);
    }

    /**
     * The transaction did not reach its commit, or its outcome is unknown: a client repeats the request later, with
     * the same Idempotency-Key where it sent one, and it is never stored twice.
     */
    private Response databaseUnavailable(Throwable exception, HttpServerRequest request) {
        LOG.warnf("The database is unavailable [%s %s]: %s", request.method(), request.path(), exception.getClass().getName());
        return Response.fromResponse(problems.toResponse(problems.of(ProblemType.SERVICE_UNAVAILABLE,
                "The database cannot be reached. Try again shortly; a repeated request with the same Idempotency-Key is never stored twice.", request.path())))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(database.retryAfterSeconds())).build();
    }

    /** Deadlock, serialization failure, lock not available: the loser of a race may simply retry. */
    private static final java.util.Set<String> RETRYABLE_SQL_STATES = java.util.Set.of("40P01", "40001", "55P03");

    private static String sqlState(Throwable cause) {
        if (cause instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        if (cause instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        return cause instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
    }

    /** Invalid byte sequence (a NUL in text), untranslatable character: the input, not the server, is at fault. */
    private static final java.util.Set<String> UNSTORABLE_TEXT_SQL_STATES = java.util.Set.of("22021", "22P05");

    private Response internalError(Throwable exception, HttpServerRequest request) {
        // With tracing on, the correlation id is the trace id, so that a quoted id finds the trace.
        String correlationId = tracing.currentTraceId()
                .orElseGet(() -> ProblemResponses.correlationId(request.getHeader(ProblemResponses.CORRELATION_HEADER)));
        LOG.errorf(exception, "Unhandled error on %s %s [correlationId=%s]", request.method(), request.path(),
                correlationId);
        return Response.fromResponse(problems.toResponse(problems.internal(correlationId, request.path())))
                .header(ProblemResponses.CORRELATION_HEADER, correlationId).build();
    }
}
