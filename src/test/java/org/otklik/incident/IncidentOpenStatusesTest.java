package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The reports' SQL function lists the same open statuses as {@link IncidentStatus#OPEN}. */
@QuarkusTest
class IncidentOpenStatusesTest {

    @Inject
    Pool pool;

    @Test
    void sqlFunctionMatchesTheEnum() {
        Set<String> inSql = new HashSet<>();
        pool.query("select unnest(incident_open_statuses()) as status").execute().await().indefinitely()
                .forEach(row -> inSql.add(row.getString("status")));
        assertThat(inSql).isEqualTo(IncidentStatus.OPEN_NAMES);
        assertThat(IncidentStatus.OPEN_SQL).isEqualTo("('NEW','ASSIGNED','IN_PROGRESS','REOPENED')");
    }
}
