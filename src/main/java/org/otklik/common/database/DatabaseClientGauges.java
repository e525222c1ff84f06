package org.otklik.common.database;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.StartupEvent;

/**
 * The reactive PostgreSQL client asks for client metrics once per connection, all under one name
 * ({@code postgresql|<default>}), and Quarkus' Micrometer binder (3.33) registers each connection's gauges
 * ({@code postgresql.queue.size}, {@code postgresql.current}) again under the same id: Micrometer keeps the first
 * connection's and warns "This Gauge has been already registered". Those gauges are left out; the pool's own
 * gauges, registered once per pool ({@code sql.pool.queue.size}, {@code sql.pool.active}: the dashboard and the
 * alerts use them), count every connection. The client's timers and counters are shared across registrations
 * and stay.
 */
@Singleton
public class DatabaseClientGauges {

    @Produces
    @Singleton
    MeterFilter perConnectionGaugesLeftOut() {
        return MeterFilter.deny(DatabaseClientGauges::perConnectionGauge);
    }

    /**
     * A connection opened while the service starts (before the filter above is in place) has registered its
     * gauges already: they go, so that the next connection's are refused by the filter instead of warned about.
     */
    void removeEarlyOnes(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        for (MeterRegistry registry : Metrics.globalRegistry.getRegistries()) {
            registry.getMeters().stream().filter(meter -> perConnectionGauge(meter.getId())).toList().forEach(registry::remove);
        }
        Metrics.globalRegistry.getMeters().stream().filter(meter -> perConnectionGauge(meter.getId())).toList()
                .forEach(Metrics.globalRegistry::remove);
    }

    static boolean perConnectionGauge(Meter.Id id) {
        return id.getType() == Meter.Type.GAUGE && "sql".equals(id.getTag("clientType"));
    }
}
