package org.otklik.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.otklik.testsupport.ThrowawaySecrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests and the application must agree: probe paths and the HTTP port are the
 * ones the application serves, every environment variable the production profile needs without a
 * default is provided in every overlay, and every variable the manifests set is one the application
 * reads. Reads {@code application.properties} and the YAML under {@code k8s/} as text; no Quarkus.
 * (Rendering and schema validation of the overlays: {@code k8s/validate}, run by {@code .ci/run}.)
 */
class ManifestConsistencyTest {

    private static final Path K8S = Path.of("k8s");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:[^}]*)?}");
    private static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "password", "host", "port", "dbname",
            "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri", "pgpass");
    private static final ObjectMapper YAML = new YAMLMapper();

    private static Map<String, String> prodConfig;
    private static ObjectNode deployment;
    private static ObjectNode container;

    @BeforeAll
    static void load() throws IOException {
        prodConfig = prodProfile(Path.of("src/main/resources/application.properties"));
        deployment = (ObjectNode) single(documents(K8S.resolve("base")), "Deployment");
        container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
    }

    // --- application side ------------------------------------------------------------------

    /** The properties as the prod profile sees them: %prod.x over x, other profiles dropped. */
    static Map<String, String> prodProfile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                result.putIfAbsent(key, properties.getProperty(key));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                result.put(key.substring("%prod.".length()), properties.getProperty(key));
            }
        }
        return result;
    }

    /** OTKLIK_* expressions of the prod profile: name → has a default. */
    private static Map<String, Boolean> environmentExpressions() {
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (String value : prodConfig.values()) {
            Matcher matcher = EXPRESSION.matcher(value);
            while (matcher.find()) {
                if (matcher.group(1).startsWith("OTKLIK_")) {
                    result.merge(matcher.group(1), matcher.group(2) != null, Boolean::logicalAnd);
                }
            }
        }
        return result;
    }

    /** Every variable the application reads: its OTKLIK_* expressions and the environment form of its keys. */
    private static Set<String> variablesTheApplicationReads() {
        Set<String> names = new TreeSet<>(environmentExpressions().keySet());
        for (String key : prodConfig.keySet()) {
            names.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /** A property's prod value with ${...} resolved against the given environment and the defaults. */
    private static String resolve(String key, Map<String, String> environment) {
        String value = prodConfig.get(key);
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = environment.containsKey(name) ? environment.get(name)
                    : prodConfig.containsKey(name) ? resolve(name, environment)
                    : matcher.group(2) != null ? matcher.group(2).substring(1) : null;
            assertThat(replacement).as("value of ${%s} in %s", name, key).isNotNull();
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    // --- manifest side -------------------------------------------------------------------------

    private static List<JsonNode> documents(Path dir) throws IOException {
        List<JsonNode> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext();) {
                        JsonNode node = it.next();
                        if (node != null && !node.isNull() && !node.isMissingNode()) {
                            result.add(node);
                        }
                    }
                }
            }
        }
        return result;
    }

    private static JsonNode single(List<JsonNode> documents, String kind) {
        List<JsonNode> matches = documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(matches).as("exactly one %s in k8s/base", kind).hasSize(1);
        return matches.get(0);
    }

    private static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Variable → value (null: from a secret) that the container gets in the given overlay. */
    private static Map<String, String> environment(Path overlay) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        List<JsonNode> base = documents(K8S.resolve("base"));
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                JsonNode data = base.stream().filter(d -> "ConfigMap".equals(d.path("kind").asText())
                        && configMap.equals(d.path("metadata").path("name").asText())).findFirst()
                        .orElseThrow(() -> new AssertionError("ConfigMap " + configMap + " is not in k8s/base"))
                        .path("data");
                data.fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            environment.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText() : null);
        }
        JsonNode kustomization = YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
        for (JsonNode patch : kustomization.path("patches")) {
            String kind = patch.path("target").path("kind").asText();
            JsonNode operations = patch.has("patch") ? YAML.readTree(patch.path("patch").asText())
                    : YAML.readTree(overlay.resolve(patch.path("path").asText()).toFile());
            for (JsonNode operation : operations) {
                String op = operation.path("op").asText();
                String path = operation.path("path").asText();
                if ("ConfigMap".equals(kind) && path.startsWith("/data/")) {
                    String name = path.substring("/data/".length());
                    if ("remove".equals(op)) {
                        environment.remove(name);
                    } else {
                        environment.put(name, operation.path("value").asText());
                    }
                } else if ("Deployment".equals(kind) && path.matches(".*/containers/0/env(/.*)?")) {
                    JsonNode value = operation.path("value");
                    for (JsonNode variable : value.isArray() ? (ArrayNode) value : List.of(value)) {
                        environment.put(variable.path("name").asText(), variable.path("value").asText(null));
                    }
                }
            }
        }
        return environment;
    }

    // --- the checks ----------------------------------------------------------------------------

    @Test
    void probesCallTheApplicationsHealthEndpoints() {
        String root = "/" + prodConfig.getOrDefault("quarkus.http.non-application-root-path", "q") + "/"
                + prodConfig.getOrDefault("quarkus.smallrye-health.root-path", "health") + "/";
        assertThat(container.at("/startupProbe/httpGet/path").asText())
                .isEqualTo(root + prodConfig.getOrDefault("quarkus.smallrye-health.startup-path", "started"));
        assertThat(container.at("/livenessProbe/httpGet/path").asText())
                .isEqualTo(root + prodConfig.getOrDefault("quarkus.smallrye-health.liveness-path", "live"));
        assertThat(container.at("/readinessProbe/httpGet/path").asText())
                .isEqualTo(root + prodConfig.getOrDefault("quarkus.smallrye-health.readiness-path", "ready"));
    }

    @Test
    void containerPortIsTheApplicationsHttpPort() throws IOException {
        JsonNode port = container.path("ports").get(0);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asText()).as(probe).isEqualTo(port.path("name").asText());
        }
        for (Path overlay : overlays()) {
            assertThat(resolve("quarkus.http.port", environment(overlay)))
                    .as("quarkus.http.port in %s", overlay).isEqualTo(port.path("containerPort").asText());
        }
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.native-micro")) {
            assertThat(Files.readString(Path.of("src/main/docker", dockerfile)))
                    .as(dockerfile).contains("EXPOSE " + port.path("containerPort").asText());
        }
        JsonNode service = single(documents(K8S.resolve("base")), "Service");
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(port.path("name").asText());
    }

    @Test
    void everyVariableProductionNeedsIsProvidedInEveryOverlay() throws IOException {
        List<String> required = environmentExpressions().entrySet().stream()
                .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        assertThat(required).as("the prod profile has variables without defaults (sanity)")
                .contains("OTKLIK_OIDC_AUTH_SERVER_URL", "OTKLIK_DB_PASSWORD");
        for (Path overlay : overlays()) {
            assertThat(environment(overlay).keySet()).as("variables set in %s", overlay).containsAll(required);
        }
    }

    /**
     * The secrets production will not start without are one list ({@code scripts/throwaway-app.sh}) that every
     * throwaway start of the packaged application sources; the Deployment takes each of them from otklik-secrets.
     */
    @Test
    void theThrowawaySecretsAreTheSecretsProductionRequires() {
        List<String> throwaway = ThrowawaySecrets.names();
        List<String> requiredSecrets = environmentExpressions().entrySet().stream()
                .filter(e -> !e.getValue() && e.getKey().matches("OTKLIK_.*_(SECRET|KEY)")).map(Map.Entry::getKey).toList();
        assertThat(requiredSecrets).as("secrets without a default in the prod profile (sanity)").isNotEmpty();
        assertThat(throwaway).containsAll(requiredSecrets).contains("OTKLIK_NOTIFY_UNSUBSCRIBE_SECRET");
        Map<String, String> fromSecrets = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            fromSecrets.put(variable.path("name").asText(), variable.at("/valueFrom/secretKeyRef/name").asText(null));
        }
        for (String secret : throwaway) {
            assertThat(fromSecrets.get(secret)).as("%s in the Deployment", secret).isEqualTo("otklik-secrets");
        }
    }

    @Test
    void everyVariableTheManifestsSetIsOneTheApplicationReads() throws IOException {
        Set<String> read = variablesTheApplicationReads();
        for (Path overlay : overlays()) {
            // Named TLS configurations (QUARKUS_TLS_<name>_...) are map keys no property file lists.
            assertThat(read).as("variables the application reads, against those set in %s", overlay)
                    .containsAll(environment(overlay).keySet().stream().filter(name -> !name.startsWith("QUARKUS_TLS_")).toList());
        }
    }

    @Test
    void databaseSettingsComeFromTheCloudNativePgSecret() throws IOException {
        List<JsonNode> base = documents(K8S.resolve("base"));
        Set<String> appSecrets = new TreeSet<>();
        base.stream().filter(d -> "Cluster".equals(d.path("kind").asText()))
                .forEach(c -> appSecrets.add(c.at("/metadata/name").asText() + "-app"));
        Map<String, String> expected = Map.of("OTKLIK_DB_PORT", "port",
                "OTKLIK_DB_NAME", "dbname", "OTKLIK_DB_USER", "username", "OTKLIK_DB_PASSWORD", "password");
        Map<String, String> actual = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode ref = variable.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode() && !variable.path("name").asText().startsWith("OTKLIK_DB_")) {
                assertThat(ref.path("name").asText()).as("secret of %s", variable.path("name").asText())
                        .isEqualTo("otklik-secrets");
            } else if (!ref.isMissingNode()) {
                assertThat(appSecrets).as("secret of %s", variable.path("name").asText()).contains(ref.path("name").asText());
                assertThat(CNPG_APP_SECRET_KEYS).contains(ref.path("key").asText());
                actual.put(variable.path("name").asText(), ref.path("key").asText());
            }
        }
        assertThat(actual).containsAllEntriesOf(expected);
        // the host is the pooler in front of the same cluster (k8s/base/pooler.yaml)
        String host = environment(overlays().get(0)).get("OTKLIK_DB_HOST");
        JsonNode pooler = base.stream().filter(d -> "Pooler".equals(d.path("kind").asText())
                && d.at("/metadata/name").asText().equals(host)).findFirst()
                .orElseThrow(() -> new AssertionError("OTKLIK_DB_HOST " + host + " is no Pooler"));
        assertThat(appSecrets).contains(pooler.at("/spec/cluster/name").asText() + "-app");
        assertThat(pooler.at("/spec/pgbouncer/poolMode").asText()).isEqualTo("transaction");
    }

    @Test
    void ingressBodyLimitsAreTheApplicationsPerPath() throws IOException {
        long limit = bytes(prodConfig.get("otklik.http.body-limit"));
        long bulkLimit = bytes(prodConfig.get("otklik.http.bulk-body-limit"));
        long uploadLimit = bytes(prodConfig.get("otklik.http.upload-body-limit"));
        Set<String> bulkPaths = Set.of(prodConfig.get("otklik.http.bulk-paths").split(","));
        Set<String> uploadPaths = Set.of(prodConfig.get("otklik.http.upload-paths").split(","));
        assertThat(bytes(prodConfig.get("quarkus.http.limits.max-body-size"))).isEqualTo(Math.max(bulkLimit, uploadLimit));
        String service = single(documents(K8S.resolve("base")), "Service").at("/metadata/name").asText();
        Set<String> bulkRouted = new TreeSet<>();
        Set<String> uploadRouted = new TreeSet<>();
        int appRoutes = 0;
        for (JsonNode ingress : documents(K8S.resolve("base"))) {
            if (!"Ingress".equals(ingress.path("kind").asText())) {
                continue;
            }
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode route : rule.at("/http/paths")) {
                    if (!service.equals(route.at("/backend/service/name").asText())) {
                        continue;
                    }
                    appRoutes++;
                    long size = bytes(ingress.at("/metadata/annotations").path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
                    String path = route.path("path").asText();
                    boolean bulk = bulkPaths.contains(path);
                    boolean upload = uploadPaths.contains(path);
                    if (bulk || upload) {
                        (bulk ? bulkRouted : uploadRouted).add(path);
                        assertThat(route.path("pathType").asText()).as("%s", path).isEqualTo("Exact");
                    }
                    assertThat(size).as("body limit of %s in Ingress %s", path, ingress.at("/metadata/name").asText())
                            .isEqualTo(bulk ? bulkLimit : upload ? uploadLimit : limit);
                }
            }
        }
        assertThat(appRoutes).isGreaterThan(bulkRouted.size() + uploadRouted.size());
        assertThat(bulkRouted).isEqualTo(bulkPaths);
        assertThat(uploadRouted).isEqualTo(uploadPaths);
    }

    /** 64k, 64K, 4m, 4M in bytes. */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmM]?)").matcher(size.trim());
        assertThat(matcher.matches()).as("size %s", size).isTrue();
        long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            default -> 1L;
        };
        return Long.parseLong(matcher.group(1)) * unit;
    }

    @Test
    void terminationGraceOutlastsTheShutdownDelayAndTimeout() throws IOException {
        for (Path overlay : overlays()) {
            Map<String, String> environment = environment(overlay);
            long delay = seconds(resolve("quarkus.shutdown.delay", environment));
            long timeout = seconds(resolve("quarkus.shutdown.timeout", environment));
            assertThat(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
                    .as("terminationGracePeriodSeconds in %s", overlay).isGreaterThan(delay + timeout);
        }
    }

    private static long seconds(String duration) {
        Matcher matcher = Pattern.compile("(\\d+)s").matcher(duration.trim());
        assertThat(matcher.matches()).as("duration %s in seconds", duration).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
