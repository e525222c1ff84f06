package org.otklik.open311;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/** Documents the Open311 error answers ({@code [{code, description}]}, never problem+json) on every Open311 operation. */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class Open311OpenApiFilter implements OASFilter {

    private static final Map<String, String> ERRORS = new TreeMap<>(Map.of(
            "400", "Invalid input (a list of errors naming the fields)",
            "404", "Unknown resource, service, request, token or jurisdiction, or a suffix other than .json/.xml",
            "405", "The method is not allowed on this resource",
            "429", "Too many requests",
            "500", "Unexpected failure (the description quotes a correlation id)"));
    private static final Map<String, String> POST_ERRORS = new TreeMap<>(Map.of(
            "403", "api_key missing, unknown or revoked (or, for updates, not a back office's key)",
            "411", "A body without Content-Length",
            "413", "The body exceeds 64 KiB",
            "415", "Neither a form nor multipart"));
    /** Answers given after the rate limiter counted the request carry what is left of the quota. */
    private static final Set<String> AFTER_THE_LIMITER = Set.of("400", "403", "404", "429");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(Open311Errors.PREFIX) || path.getValue().getOperations() == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                APIResponses responses = operation.getValue().getResponses();
                ERRORS.forEach((status, description) -> add(responses, status, description));
                if (operation.getKey() == PathItem.HttpMethod.POST) {
                    POST_ERRORS.forEach((status, description) -> add(responses, status, description));
                }
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description + ". XML: <errors><error>.");
        if (AFTER_THE_LIMITER.contains(status)) {
            response.addHeader("RateLimit", OASFactory.createHeader().ref("#/components/headers/RateLimit"))
                    .addHeader("RateLimit-Policy", OASFactory.createHeader().ref("#/components/headers/RateLimit-Policy"));
        }
        if ("429".equals(status)) {
            response.addHeader("Retry-After", OASFactory.createHeader().ref("#/components/headers/Retry-After"));
        }
        responses.addAPIResponse(status, response
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().ref("#/components/schemas/Open311Error"))))));
    }
}
