package org.otklik.open311;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.otklik.common.problem.ErrorDialect;
import org.otklik.common.problem.Problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every error under /open311/ — ours, the framework's (404, 405, 415), the body limits (411, 413), a
 * rate limit (429) or an unexpected 500 — in the standard's form: {@code [{code, description}]}, or
 * {@code <errors><error>…</error></errors>} on an {@code .xml} path. {@code code} is the HTTP status.
 */
@ApplicationScoped
public class Open311Errors implements ErrorDialect {

    static final String PREFIX = "/open311/";

    private final Open311Writer writer;

    public Open311Errors(Open311Writer writer) {
        this.writer = writer;
    }

    @Override
    public boolean covers(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public Body render(Problem problem) {
        List<ErrorView> errors = new ArrayList<>();
        String code = String.valueOf(problem.status());
        if (problem.errors() != null) {
            for (Problem.FieldError error : problem.errors()) {
                String field = error.parameter() != null ? error.parameter()
                        : error.pointer() != null && !error.pointer().isEmpty() ? error.pointer().substring(1) : null;
                errors.add(new ErrorView(code, field == null ? error.message() : field + ": " + error.message()));
            }
        }
        if (errors.isEmpty()) {
            String correlation = problem.extensions() == null ? null : (String) problem.extensions().get("correlationId");
            errors.add(new ErrorView(code, correlation == null ? problem.detail()
                    : problem.detail() + " Correlation id: " + correlation + "."));
        }
        Open311Format format = Open311Format.ofPath(problem.instance());
        String content = format == Open311Format.JSON ? writer.json(errors)
                : writer.xml("errors", "error", writer.tree(errors));
        return new Body(format.contentType(), content);
    }

    /** Documented as the component Open311Error in META-INF/openapi.yaml. */
    @RegisterForReflection
    public record ErrorView(String code, String description) {
    }
}
