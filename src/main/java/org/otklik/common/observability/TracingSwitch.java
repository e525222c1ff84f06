package org.otklik.common.observability;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is off unless an OTLP endpoint is configured: {@code quarkus.otel.sdk.disabled} follows
 * {@code OTKLIK_OTLP_ENDPOINT} (environment variable or system property). Ordinal 100 sits below
 * application.properties and the environment, so an explicit {@code QUARKUS_OTEL_SDK_DISABLED} still wins.
 */
public class TracingSwitch implements ConfigSource {

    static final String ENDPOINT = "OTKLIK_OTLP_ENDPOINT";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

    @Override
    public Map<String, String> getProperties() {
        return Map.of(SDK_DISABLED, getValue(SDK_DISABLED));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SDK_DISABLED);
    }

    @Override
    public String getValue(String propertyName) {
        if (!SDK_DISABLED.equals(propertyName)) {
            return null;
        }
        return Boolean.toString(disabled(System.getProperty(ENDPOINT, System.getenv(ENDPOINT))));
    }

    static boolean disabled(String endpoint) {
        return endpoint == null || endpoint.isBlank();
    }

    @Override
    public String getName() {
        return "otklik-tracing-switch";
    }

    @Override
    public int getOrdinal() {
        return 100;
    }
}
