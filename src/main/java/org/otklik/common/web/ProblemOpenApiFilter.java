package org.otklik.common.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import org.jboss.jandex.IndexView;
import org.otklik.common.ratelimit.RateLimitHeaders;
import org.otklik.common.ratelimit.RateLimitedOperations;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the problem answers every operation can give, so that each one need not repeat them:
 * 400/413/415 where there is input, 401/403 where a token is required, 404 under a path
 * parameter, 412 where If-Match is taken (and 428 where it is required), 406, 500 and 503 (the
 * database cannot be reached: every endpoint reads or writes it) everywhere. An operation in a
 * rate-limit group gets 429 and, on its own 2xx and 4xx answers, the RateLimit headers the service
 * sends there ({@link org.otklik.common.ratelimit.RateLimitFilter}); the shared 4xx answers declare
 * them in META-INF/openapi.yaml.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemOpenApiFilter implements OASFilter {

    /** Open311 answers errors in its own form (see ErrorDialect) and documents them itself. */
    private static final String OWN_ERROR_FORM_PREFIX = "/open311/";
    private static final String RATE_LIMIT_HEADERS = "#/components/headers/";

    private final Map<String, String> rateLimitGroups;

    /** SmallRye hands a build-time filter the application's index, which says which operations are limited. */
    public ProblemOpenApiFilter(IndexView index) {
        this.rateLimitGroups = RateLimitedOperations.groupsByOperationId(index);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean ownErrorForm = path.getKey().startsWith(OWN_ERROR_FORM_PREFIX);
            boolean hasPathParameter = path.getKey().contains("{");
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            for (Operation operation : operations.values()) {
                if (!ownErrorForm) {
                    document(operation, hasPathParameter, openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty());
                }
                String group = rateLimitGroups.get(operation.getOperationId());
                if (group != null) {
                    documentRateLimit(operation, group, ownErrorForm);
                }
            }
        }
    }

    private static void document(Operation operation, boolean hasPathParameter, boolean securedByDefault) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() != null && p.getIn() != org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER);
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : securedByDefault;
        moveRolesToExtension(operation);

        if (hasBody || hasParameters) {
            addIfAbsent(responses, "400", "BadRequest");
        }
        if (secured) {
            replaceBare(responses, "401", "Unauthorized");
            replaceBare(responses, "403", "Forbidden");
        }
        if (hasPathParameter) {
            addIfAbsent(responses, "404", "NotFound");
        }
        addIfAbsent(responses, "406", "NotAcceptable");
        boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        if (conditional) {
            addIfAbsent(responses, "412", "PreconditionFailed");
        }
        boolean conditionRequired = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()) && Boolean.TRUE.equals(p.getRequired()));
        if (conditionRequired) {
            addIfAbsent(responses, "428", "PreconditionRequired");
        }
        if (hasBody) {
            addIfAbsent(responses, "413", "PayloadTooLarge");
            addIfAbsent(responses, "415", "UnsupportedMediaType");
        }
        addIfAbsent(responses, "500", "InternalError");
        addIfAbsent(responses, "503", "ServiceUnavailable");
    }

    /**
     * 429 where the group's quota can run out, and the RateLimit headers on the operation's own 2xx and
     * 4xx answers (the shared ones are references and declare the headers themselves).
     */
    private static void documentRateLimit(Operation operation, String group, boolean ownErrorForm) {
        operation.addExtension("x-rate-limit-group", group);
        if (operation.getResponses() == null) {
            return;
        }
        if (!ownErrorForm) {
            addIfAbsent(operation.getResponses(), "429", "TooManyRequests");
        }
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            String status = response.getKey();
            if (response.getValue().getRef() == null && (status.startsWith("2") || status.startsWith("4"))
                    && !"429".equals(status)) {
                response.getValue()
                        .addHeader(RateLimitHeaders.LIMIT, OASFactory.createHeader().ref(RATE_LIMIT_HEADERS + RateLimitHeaders.LIMIT))
                        .addHeader(RateLimitHeaders.POLICY,
                                OASFactory.createHeader().ref(RATE_LIMIT_HEADERS + RateLimitHeaders.POLICY));
            }
        }
    }

    /**
     * SmallRye lists the allowed roles as scopes of the bearer requirement, which OpenAPI reserves
     * for OAuth2 schemes; they move to {@code x-roles} and the description instead.
     */
    private static void moveRolesToExtension(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        List<String> roles = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            if (requirement.getSchemes() == null) {
                continue;
            }
            for (Map.Entry<String, List<String>> scheme : requirement.getSchemes().entrySet()) {
                if (scheme.getValue() != null && !scheme.getValue().isEmpty()) {
                    roles.addAll(scheme.getValue());
                    requirement.addScheme(scheme.getKey(), new ArrayList<>());
                }
            }
        }
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", roles);
            String description = operation.getDescription() == null ? "" : operation.getDescription() + " ";
            operation.setDescription(description + "Roles: " + String.join(", ", roles) + ".");
        }
    }

    /** Replaces the content-less 401/403 that SmallRye adds to secured operations. */
    private static void replaceBare(APIResponses responses, String status, String component) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing == null || (existing.getRef() == null && existing.getContent() == null)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + component));
        }
    }

    private static void addIfAbsent(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + component));
        }
    }
}
