package org.otklik.common.web;

import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request body limits. The server-wide limit (quarkus.http.limits.max-body-size) must equal the largest of
 * them, the upload one.
 */
@ConfigMapping(prefix = "otklik.http")
public interface HttpLimitsConfig {

    @WithDefault("64K")
    MemorySize bodyLimit();

    @WithDefault("4M")
    MemorySize bulkBodyLimit();

    /** Paths that take the bulk limit. */
    @WithDefault("/api/v1/ingest/social")
    Set<String> bulkPaths();

    /** A multipart body carrying one photo of up to otklik.media.max-bytes, with room for its envelope. */
    @WithDefault("16M")
    MemorySize uploadBodyLimit();

    /** Paths that take the upload limit. */
    @WithDefault("/api/v1/media")
    Set<String> uploadPaths();
}
