package io.quarkus.smallrye.openapi.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.arc.Unremovable;
import io.quarkus.smallrye.openapi.OpenApiFilter.RunStage;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;

/**
 * Otklik's backport of quarkusio/quarkus#55538 (fixes #54826) to Quarkus 3.33: the OpenAPI document is
 * produced at build time (every filter of ours runs at the BUILD stage), yet 3.33 parses the stored
 * document and writes it again as JSON and YAML during start-up, about half a second on a small pod.
 * Without filters of a start-up stage (RUNTIME_STARTUP, RUN, BOTH) there is nothing to do at start, so the first request
 * to {@code /q/openapi} prepares the document instead. It lives in the extension's package because the
 * method Quarkus calls at start is package-private. Delete this class when Quarkus is upgraded past the fix.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@Unremovable
public class LazyOpenApiDocumentService extends OpenApiDocumentService {

    private record Preparation(AutoSecurityFilter autoSecurityFilter, Map<RunStage, List<String>> filters, String name) {
    }

    private final List<Preparation> pending = new ArrayList<>();

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter, Map<RunStage, List<String>> filters,
            String documentName) {
        Preparation preparation = new Preparation(autoSecurityFilter, filters, documentName);
        if (hasStartupFilters(filters)) {
            prepare(preparation);
        } else {
            pending.add(preparation);
        }
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        preparePending();
        return super.getDocument(documentName, format);
    }

    private synchronized void preparePending() {
        pending.forEach(this::prepare);
        pending.clear();
    }

    private void prepare(Preparation preparation) {
        super.prepareDocument(preparation.autoSecurityFilter(), preparation.filters(), preparation.name());
    }

    private static boolean hasStartupFilters(Map<RunStage, List<String>> filters) {
        return filters != null && List.of(RunStage.RUNTIME_STARTUP, RunStage.RUN, RunStage.BOTH).stream()
                .anyMatch(stage -> !filters.getOrDefault(stage, List.of()).isEmpty());
    }
}
