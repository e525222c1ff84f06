package org.otklik.common.problem;

import jakarta.ws.rs.core.Response;

/**
 * The generic problem types Otklik answers with; a feature's own types are its {@link ProblemKind}s.
 * Plain HTTP failures use {@code about:blank}, whose title is the status phrase, as RFC 9457 asks.
 */
public enum ProblemType implements ProblemKind {
    VALIDATION("validation-failed", "The request is not valid", 400),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON", 400),
    UNREADABLE_BODY("unreadable-body", "The request body does not match the expected structure", 400),
    BAD_PARAMETER("bad-parameter", "A request parameter is not valid", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    FORBIDDEN("forbidden", "Not allowed for your role", 403),
    NOT_FOUND("not-found", "Not found", 404),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed since you read it", 412),
    PRECONDITION_REQUIRED("precondition-required", "The request must say which version it was decided on", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    LENGTH_REQUIRED("length-required", "The request must declare its length", 411),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNPROCESSABLE("unprocessable", "The request cannot be processed", 422),
    INTERNAL("internal-error", "Internal server error", 500),
    SERVICE_UNAVAILABLE("service-unavailable", "Service temporarily unavailable", 503);

    public static final String BASE_URI = "https://otklik.org/problems/";

    private final Definition definition;

    ProblemType(String slug, String title, int status) {
        this.definition = Definition.of(slug, title, status);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    public static String statusPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
