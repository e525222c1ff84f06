package org.otklik.common.database;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jboss.logging.Logger;

/**
 * Readiness refuses while the database schema lacks a migration this build ships. In production the pods
 * do not migrate (the Flyway Job of k8s/ does, once per release), so a pod that starts before the Job
 * has finished stays out of the Service until the schema has caught up. A schema ahead of the code (the
 * next release's Job ran first) is fine: migrations are backwards compatible.
 * <p>
 * Once the schema was seen current the answer stays UP without asking again: a schema never goes back.
 * The check runs on a worker thread (Flyway reads the history table over JDBC).
 */
@Readiness
@ApplicationScoped
public class SchemaVersionCheck implements HealthCheck {

    static final String NAME = "Database schema at the version this build needs";
    private static final Logger LOG = Logger.getLogger(SchemaVersionCheck.class);

    private final Flyway flyway;
    private volatile boolean current;

    public SchemaVersionCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (current) {
            return response.up().build();
        }
        try {
            MigrationInfo[] all = flyway.info().all();
            List<String> missing = missingVersions(all);
            if (missing.isEmpty()) {
                current = true;
                return response.up().build();
            }
            return response.down().withData("missing", String.join(",", missing)).build();
        } catch (RuntimeException failure) {
            LOG.debugf("schema version unknown: %s", failure.getMessage());
            return response.down().withData("error", "schema history unreadable").build();
        }
    }

    /** Versions this build ships that the schema has not applied, or whose migration failed. */
    static List<String> missingVersions(MigrationInfo[] migrations) {
        return Arrays.stream(migrations)
                .filter(m -> m.getVersion() != null && isMissing(m.getState()))
                .map(m -> m.getVersion().getVersion())
                .toList();
    }

    private static boolean isMissing(MigrationState state) {
        return state == MigrationState.PENDING || state == MigrationState.IGNORED || state.isFailed();
    }
}
