package org.otklik.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.LogCapture;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Issue 28, item 13: the database queue is one gauge however many connections the pool opens, and opening them
 * logs no "This Gauge has been already registered (postgresql.queue.size)".
 */
@QuarkusTest
class DatabaseClientGaugesTest {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void severalConnectionsRegisterNoGaugeTwice() {
        try (LogCapture log = LogCapture.install()) {
            // six connections held at once: the pool opens as many as it does not have yet
            List<Uni<Object>> held = IntStream.range(0, 6)
                    .mapToObj(i -> pool.withConnection(c -> c.query("select pg_sleep(0.3)").execute()).map(rows -> (Object) rows))
                    .toList();
            Uni.join().all(held).andFailFast().await().atMost(Duration.ofSeconds(30));
            assertThat(log.lines()).noneMatch(line -> line.contains("already registered"));
        }
        assertThat(registry.find("postgresql.queue.size").gauges()).isEmpty();
        assertThat(registry.find("postgresql.current").gauges()).isEmpty();
        // the pool's gauges, once per pool, count every connection
        assertThat(registry.find("sql.pool.queue.size").gauges()).isNotEmpty();
        assertThat(registry.find("sql.pool.active").gauges()).isNotEmpty();
        assertThat(registry.find("postgresql.processing").timers()).isNotEmpty();
    }
}
