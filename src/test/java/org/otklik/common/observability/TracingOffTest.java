package org.otklik.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Without an OTLP endpoint tracing is off: the SDK is disabled, and no trace id reaches answers or callbacks. */
@QuarkusTest
class TracingOffTest {

    @ConfigProperty(name = "quarkus.otel.sdk.disabled")
    boolean sdkDisabled;

    @Inject
    Tracing tracing;

    @Test
    void offWithoutAnEndpoint() {
        assertThat(TracingSwitch.disabled(null)).isTrue();
        assertThat(TracingSwitch.disabled(" ")).isTrue();
        assertThat(TracingSwitch.disabled("http://collector:4317")).isFalse();
        assertThat(sdkDisabled).isTrue();
        assertThat(tracing.currentTraceId()).isEmpty();
        assertThat(tracing.clientCall("probe", headers -> io.smallrye.mutiny.Uni.createFrom().item(headers))
                .await().indefinitely()).isEmpty();
    }
}
