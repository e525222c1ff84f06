package org.otklik.common.observability;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * What the service does with OpenTelemetry by hand (Quarkus traces the HTTP server and the database by
 * itself): the trace id of the request being answered, and a client span with its W3C trace-context
 * headers for the calls the outbox relay makes. With tracing off (no OTLP endpoint, {@link TracingSwitch})
 * no id is returned and no header is sent: Quarkus 3.33 still hands out real span contexts then, which
 * would put trace ids nobody can look up into answers and callbacks.
 */
@ApplicationScoped
public class Tracing {

    private final Tracer tracer;
    private final boolean enabled;

    public Tracing(Tracer tracer, @ConfigProperty(name = TracingSwitch.SDK_DISABLED) boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    /** The current trace id, when tracing is on and a real (sampled or not) span is active. */
    public Optional<String> currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return enabled && context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }

    /**
     * Runs an outgoing call in a new client span; the call gets the headers that carry the span
     * ({@code traceparent}, and {@code tracestate} when there is one), empty with tracing off.
     */
    public <T> Uni<T> clientCall(String name, Function<Map<String, String>, Uni<T>> call) {
        if (!enabled) {
            return Uni.createFrom().deferred(() -> call.apply(Map.of()));
        }
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT).setParent(Context.current()).startSpan();
        Map<String, String> headers = new HashMap<>();
        if (span.getSpanContext().isValid()) {
            W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), headers, Map::put);
        }
        return Uni.createFrom().deferred(() -> call.apply(Map.copyOf(headers)))
                .onFailure().invoke(failure -> span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()))
                .onTermination().invoke(span::end);
    }
}
