package org.otklik.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness against a real schema that is behind, then migrated: DOWN naming the missing versions while a
 * migration of this build is not applied (as while the release's Flyway Job still runs), UP once it is, and
 * it stays UP without asking again. Plain Flyway on PostgreSQL, in a schema of its own; no Quarkus.
 */
class SchemaVersionCheckTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String SCHEMA = System.getenv().getOrDefault("OTKLIK_TEST_DB_SCHEMA", "otklik_test") + "_schema_check";

    @BeforeEach
    @AfterEach
    void dropSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, "postgres", "").schemas(SCHEMA).defaultSchema(SCHEMA)
                .createSchemas(true).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void downWhileAMigrationOfThisBuildIsMissingThenUpForGood() throws Exception {
        flyway("6").migrate();
        SchemaVersionCheck check = new SchemaVersionCheck(flyway("latest"));

        HealthCheckResponse behind = check.call();
        assertThat(behind.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(behind.getData().orElseThrow().get("missing").toString()).startsWith("20,").contains("80");

        flyway("latest").migrate();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        dropSchema();
        assertThat(check.call().getStatus()).as("once current, the answer stays UP").isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void downWhenTheHistoryCannotBeRead() {
        Flyway unreachable = Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=1", "postgres", "")
                .schemas(SCHEMA).load();
        HealthCheckResponse response = new SchemaVersionCheck(unreachable).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("error", "schema history unreadable");
    }
}
