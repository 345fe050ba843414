package io.costq.contract;

import io.costq.core.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The packaged API (scheduler-api) and a worker node (worker-node) as child processes on a real redis-server
 * (TestRedis, a free port) with a fresh key prefix: what a user of a generated client talks to. API keys are on,
 * with one SUBMITTER key, so the clients' security handling is exercised too.
 */
public final class CostqProcesses implements AutoCloseable {
    /** The SUBMITTER key the clients present; the API knows only its SHA-256. */
    public static final String KEY = "contract-" + UUID.randomUUID();
    /** The WORKER key of workers in other languages (the HTTP worker protocol). */
    public static final String WORKER_KEY = "worker-" + UUID.randomUUID();

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final int apiPort;
    private final String prefix;

    private CostqProcesses(int apiPort, String prefix) {
        this.apiPort = apiPort;
        this.prefix = prefix;
    }

    /** The API and a Java worker node. */
    public static CostqProcesses start() throws Exception {
        return start(true, List.of());
    }

    /**
     * The API, with a Java worker node or without (then only workers in other languages run jobs), and
     * {@code apiProperties} (system properties, {@code -Dkey=value}) on top of the keys.
     */
    public static CostqProcesses start(boolean javaWorker, List<String> apiProperties) throws Exception {
        Path apiJar = jar("costq.api.jar");
        CostqProcesses p = new CostqProcesses(freePort(), TestRedis.freshPrefix());
        Map<String, String> env = Map.of("COSTQ_REDIS_URL", TestRedis.server().url(), "COSTQ_KEY_PREFIX", p.prefix);
        List<String> properties = new ArrayList<>(List.of("-Dcostq.auth.enabled=true", "-Dcostq.auth.keys.contract.role=SUBMITTER",
                "-Dcostq.auth.keys.contract.sha256=" + sha256(KEY), "-Dcostq.auth.keys.workers.role=WORKER",
                "-Dcostq.auth.keys.workers.sha256=" + sha256(WORKER_KEY)));
        properties.addAll(apiProperties);
        p.launch("api", apiJar, p.apiPort, env, properties);
        p.awaitReady(p.apiPort, 0);
        if (javaWorker) {
            int workerPort = freePort();
            p.launch("worker", jar("costq.worker.jar"), workerPort, env, List.of());
            p.awaitReady(workerPort, 1);
        }
        return p;
    }

    /** The key prefix of this run's jobs (a fresh one per start). */
    public String prefix() {
        return prefix;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + apiPort;
    }

    private void launch(String name, Path jar, int port, Map<String, String> env, List<String> properties) throws IOException {
        Path log = Files.createTempFile("costq-contract-" + name, ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        cmd.addAll(properties);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        processes.add(pb.start());
        logs.add(log);
    }

    /** Waits until the process answers its readiness check (it cannot answer before it listens). */
    private void awaitReady(int port, int index) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!processes.get(index).isAlive()) throw new IllegalStateException("exited; log:\n" + tail(index));
            if (System.nanoTime() > deadline) throw new IllegalStateException("not ready within 60 s; log:\n" + tail(index));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notListeningYet) {
                // retried below
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) p.destroy(); // SIGTERM: the worker finishes (or hands back) its running jobs
        for (Process p : processes) {
            if (!p.waitFor(40, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        for (Path log : logs) Files.deleteIfExists(log);
    }

    private String tail(int index) {
        try {
            List<String> lines = Files.readAllLines(logs.get(index));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "(unset)"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package scheduler-api and worker-node first "
                    + "(./mvnw -B verify builds them before this module; alone: ./mvnw -B -pl api-contract-tests -am verify)");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
