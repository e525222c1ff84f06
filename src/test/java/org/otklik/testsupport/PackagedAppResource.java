package org.otklik.testsupport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Configures the packaged application (JVM jar, or native binary where GraalVM exists) that
 * {@code @QuarkusIntegrationTest} starts. The artifact runs in the {@code prod} profile, so it is
 * configured the way Kubernetes configures it: through the application's own environment variable
 * names (handed over as system properties, which the {@code ${OTKLIK_...}} expressions read as well).
 * <p>
 * The WireMock OIDC server of {@code quarkus-test-oidc-server} stands in for Keycloak. The database
 * schema is derived from {@code OTKLIK_TEST_DB_SCHEMA} so that parallel builds with their own test
 * schema do not share one, and it is wiped at start like the {@code @QuarkusTest} schema.
 */
public class PackagedAppResource extends OidcWiremockTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("OTKLIK_OIDC_AUTH_SERVER_URL", config.get("keycloak.url") + "/realms/quarkus/");
        config.put("OTKLIK_DB_SCHEMA", schema());
        config.put("OTKLIK_DB_PASSWORD", env("OTKLIK_DB_PASSWORD", "unused-with-trust-authentication"));
        for (String secret : ThrowawaySecrets.names()) {
            config.put(secret, "packaged-app-test-" + secret.toLowerCase(Locale.ROOT) + "-0123456789abcdef");
        }
        // Production pods leave migrations to the Flyway Job (k8s/); the test migrates at start as that Job does.
        config.put("OTKLIK_DB_MIGRATE_AT_START", "true");
        config.put("quarkus.flyway.clean-at-start", "true");
        config.put("quarkus.flyway.clean-disabled", "false");
        return config;
    }

    static String schema() {
        String explicit = System.getenv("OTKLIK_IT_DB_SCHEMA");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return env("OTKLIK_TEST_DB_SCHEMA", "otklik_test") + "_it";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
