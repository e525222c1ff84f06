package org.otklik.media;

import java.time.Duration;
import java.time.Period;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Photos: limits of an upload, the clean copies, where they are kept and for how long. */
@ConfigMapping(prefix = "otklik.media")
public interface MediaConfig {

    /** Largest file a caller may upload (the multipart body may be slightly larger: otklik.http.upload-body-limit). */
    @WithDefault("15M")
    MemorySize maxBytes();

    /** Largest image, in pixels, that is decoded at all; checked from the header before decoding. */
    @WithDefault("40000000")
    long maxPixels();

    /** Long side of the stored copy. */
    @WithDefault("2560")
    int maxLongSide();

    /** Long side of the thumbnail. */
    @WithDefault("480")
    int thumbnailLongSide();

    /** JPEG quality of the stored copy and the thumbnail, 0 to 1. */
    @WithDefault("0.85")
    float jpegQuality();

    /** Images decoded at once per instance; each holds up to a few tens of MB of pixels. */
    @WithDefault("2")
    int maxConcurrentDecodes();

    /** How long an upload waits for a decode slot before it is refused with 503. */
    @WithDefault("20s")
    Duration decodeWait();

    /** Media ids one message or answer may carry. */
    @WithDefault("5")
    int maxPerMessage();

    /** An upload never attached to a message is deleted after this. */
    @WithDefault("PT24H")
    Duration unattachedTtl();

    /** The photos of an incident closed longer ago than this are deleted (the usual term of appeal records). */
    @WithDefault("P3Y")
    Period retention();

    /** How often the cleanup and retention jobs run (once across instances); off in tests, which run them. */
    @WithDefault("1h")
    String cleanupInterval();

    /** How long a link to an answer photo delivered on the source channel stays valid (at most 7 days for S3). */
    @WithDefault("P7D")
    Duration linkValidity();

    /** HMAC key of the service's own signed links (PostgreSQL store); 32+ bytes, required in production. */
    String linkSecret();

    /** Absolute base of links given to other systems (Open311 media_url, signed links), e.g. https://api.example.org. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** POSTGRES (default: nothing else to run) or S3 (any S3-compatible object store). */
    @WithDefault("POSTGRES")
    StoreKind store();

    S3 s3();

    enum StoreKind {
        POSTGRES,
        S3
    }

    interface S3 {
        /** e.g. https://storage.yandexcloud.net; empty: AWS by region. */
        Optional<String> endpoint();

        @WithDefault("ru-central1")
        String region();

        @WithDefault("otklik-media")
        String bucket();

        /** Prefix of the object keys. */
        @WithDefault("media/")
        String prefix();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style addressing (MinIO, Ceph, S3Proxy); virtual-hosted style otherwise. */
        @WithDefault("true")
        boolean pathStyle();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration requestTimeout();
    }
}
