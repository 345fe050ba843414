package io.costq.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.quarkus.testing.DashboardMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs in the build, so docker-compose.yml is checked as data: the services and their ports,
 * volumes and health checks, that every build context and Dockerfile exists, and that Prometheus scrapes every
 * costq instance and Grafana is provisioned from the repository.
 */
class ComposeFileTest {
    static final String DEV_KEY = "costq-dev-key"; // documented in docker-compose.yml and README
    static final List<String> APIS = List.of("scheduler-api-1", "scheduler-api-2");
    static final List<String> WORKERS = List.of("worker-node-1", "worker-node-2", "worker-node-3");

    static Path root;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        root = DashboardMetrics.repoRoot();
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void hasEveryServiceWithAHealthCheck() {
        assertThat(services).containsOnlyKeys(concat(List.of("redis", "prometheus", "grafana"), APIS, WORKERS));
        services.forEach((name, s) -> assertThat(s).as(name + " healthcheck").containsKey("healthcheck"));
        for (String costq : concat(APIS, WORKERS)) {
            assertThat(map(map(services.get(costq), "depends_on"), "redis")).as(costq + " waits for a healthy redis")
                    .containsEntry("condition", "service_healthy");
        }
    }

    @Test
    void redisKeepsAnAppendOnlyFileOnAVolume() {
        Map<String, Object> redis = services.get("redis");
        assertThat(String.join(" ", list(redis, "command"))).contains("--appendonly yes");
        assertThat(list(redis, "volumes")).contains("redis-data:/data");
        assertThat(map(compose, "volumes")).containsKey("redis-data");
    }

    @Test
    void publishesTheApisPrometheusAndGrafanaOnDistinctHostPorts() {
        assertThat(list(services.get("scheduler-api-1"), "ports")).containsExactly("8080:8080");
        assertThat(list(services.get("scheduler-api-2"), "ports")).containsExactly("8090:8080");
        assertThat(list(services.get("prometheus"), "ports")).containsExactly("9090:9090");
        assertThat(list(services.get("grafana"), "ports")).containsExactly("3000:3000");
        List<String> hostPorts = new ArrayList<>();
        services.values().forEach(s -> list(s, "ports").forEach(p -> hostPorts.add(p.split(":")[0])));
        assertThat(hostPorts).doesNotHaveDuplicates();
    }

    @Test
    void everyCostqServiceIsBuiltFromAnExistingContextAndDockerfile() throws IOException {
        for (String name : concat(APIS, WORKERS)) {
            Map<String, Object> build = map(services.get(name), "build");
            Path context = root.resolve((String) build.get("context")).normalize();
            Path dockerfile = context.resolve((String) build.get("dockerfile"));
            assertThat(context).as(name + " build context").isDirectory();
            assertThat(dockerfile).as(name + " Dockerfile").isRegularFile();
            assertThat(Files.readString(dockerfile)).contains("COPY target/quarkus-app/").contains("quarkus-run.jar");
        }
    }

    @Test
    void apisRunWithApiKeysAndTheDocumentedDevKey() throws Exception {
        String devHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(DEV_KEY.getBytes(StandardCharsets.UTF_8)));
        for (String api : APIS) {
            Map<String, Object> env = map(services.get(api), "environment");
            assertThat(env).containsEntry("COSTQ_AUTH_ENABLED", "true").containsEntry("COSTQ_AUTH_KEYS_DEV_SHA256", devHash)
                    .containsEntry("COSTQ_AUTH_KEYS_DEV_ROLE", "OPERATOR").containsEntry("COSTQ_REDIS_URL", "redis://redis:6379");
        }
        List<Object> nodeIds = WORKERS.stream().map(w -> map(services.get(w), "environment").get("COSTQ_WORKER_NODE_ID")).toList();
        assertThat(nodeIds).containsExactlyElementsOf(WORKERS);
        assertThat(Files.readString(root.resolve("README.md"))).contains(DEV_KEY).contains("docker compose up");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryCostqInstance() throws IOException {
        assertThat(list(services.get("prometheus"), "volumes")).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        Map<String, Object> config = new Yaml().load(Files.readString(root.resolve("prometheus/prometheus.yml")));
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            assertThat(job).containsEntry("metrics_path", "/q/metrics");
            for (Map<String, Object> sc : (List<Map<String, Object>>) job.get("static_configs")) targets.addAll((List<String>) sc.get("targets"));
        }
        List<String> expected = new ArrayList<>();
        APIS.forEach(a -> expected.add(a + ":8080"));
        WORKERS.forEach(w -> expected.add(w + ":8081"));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedFromTheRepositoryWithoutLogin() throws IOException {
        Map<String, Object> grafana = services.get("grafana");
        assertThat(map(grafana, "environment")).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .containsEntry("GF_AUTH_DISABLE_LOGIN_FORM", "true");
        assertThat(list(grafana, "volumes")).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> ds = new Yaml().load(Files.readString(root.resolve("grafana/provisioning/datasources/prometheus.yml")));
        Map<String, Object> prom = ((List<Map<String, Object>>) ds.get("datasources")).get(0);
        assertThat(prom).containsEntry("uid", "prometheus").containsEntry("url", "http://prometheus:9090");
        Map<String, Object> dp = new Yaml().load(Files.readString(root.resolve("grafana/provisioning/dashboards/costq.yml")));
        assertThat(map(((List<Map<String, Object>>) dp.get("providers")).get(0), "options")).containsEntry("path", "/var/lib/grafana/dashboards");
        assertThat(DashboardMetrics.dashboards(root)).hasSize(4);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertThat(v).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) out.addAll(l);
        return out;
    }
}
