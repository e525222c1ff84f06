package org.otklik.common;

import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request body limits. The server-wide limit (quarkus.http.limits.max-body-size) must equal the bulk one. */
@ConfigMapping(prefix = "otklik.http")
public interface HttpLimitsConfig {

    @WithDefault("64K")
    MemorySize bodyLimit();

    @WithDefault("4M")
    MemorySize bulkBodyLimit();

    /** Paths that take the bulk limit. */
    @WithDefault("/api/v1/ingest/social")
    Set<String> bulkPaths();
}
