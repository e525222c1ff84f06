package io.quarkus.smallrye.openapi.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.jboss.logging.Logger;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.smallrye.openapi.OpenApiFilter.RunStage;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;

/**
 * The packaged service (build profile {@code prod}) serves the OpenAPI document that the build produced, but
 * prepares it on its first request instead of during every start: Quarkus 3.33 parses the stored document and
 * writes it again as JSON and YAML at start (quarkusio/quarkus#54826, ~0.5 s of the image's start). This is
 * the behaviour of the upstream fix (#55538: lazy when no filter runs at {@code RUNTIME_STARTUP}; ours all run
 * at {@code BUILD}); delete this class once Quarkus includes it. Clients receive the same bytes, produced by
 * the extension's own code with the same arguments, only later.
 * <p>
 * It must live in the extension's package: the method it defers is package-private. That only works where the
 * extension and the application share a class loader, which is the packaged jar (fast-jar and aot-jar) and not
 * tests or dev mode; hence the packaged build only ({@code %prod.otklik.openapi.prepare-on-first-request}, which
 * scripts/bench-start.sh turns off to build the jar as it was before). {@code PackagedAppIT} checks the served
 * document against the committed contract in both forms.
 */
@ApplicationScoped
@Alternative
@Priority(1)
@IfBuildProperty(name = "otklik.openapi.prepare-on-first-request", stringValue = "true")
@Unremovable // the extension's recorder and handler look it up, nothing injects it
public class LazyOpenApiDocumentService extends OpenApiDocumentService {

    private record Deferred(AutoSecurityFilter autoSecurityFilter, Map<RunStage, List<String>> filtersByStage) {
    }

    private static final Logger LOG = Logger.getLogger(LazyOpenApiDocumentService.class);

    private final Map<String, Deferred> deferred = new HashMap<>();

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter,
            Map<RunStage, List<String>> filtersByStage, String documentName) {
        deferred.put(documentName, new Deferred(autoSecurityFilter, filtersByStage));
    }

    @Override
    public synchronized byte[] getDocument(String documentName, Format format) {
        Deferred pending = deferred.remove(documentName);
        if (pending != null) {
            long started = System.nanoTime();
            super.prepareDocument(pending.autoSecurityFilter(), pending.filtersByStage(), documentName);
            LOG.infof("OpenAPI document %s prepared on its first request, in %d ms", documentName,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return super.getDocument(documentName, format);
    }
}
