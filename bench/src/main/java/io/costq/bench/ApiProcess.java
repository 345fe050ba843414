package io.costq.bench;

import io.costq.core.testing.RedisServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real scheduler-api jar as a child process on a free port, against the bench's Redis and key prefix. */
public final class ApiProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    public final URI base;

    private ApiProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    public static ApiProcess start(Path jar, String redisUrl, String keyPrefix) throws IOException, InterruptedException {
        int port = RedisServerProcess.freePort();
        Path log = Files.createTempFile("costq-bench-api", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        // extra JVM options for the API, e.g. -XX:StartFlightRecording=... to profile it under the bench's load
        String opts = System.getenv("COSTQ_BENCH_API_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) command.addAll(List.of(opts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("COSTQ_REDIS_URL", redisUrl);
        pb.environment().put("COSTQ_KEY_PREFIX", keyPrefix);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // API keys off, which the API allows only on loopback (as ./costq up runs it)
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("COSTQ_AUTH_ENABLED", "false");
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        Process p = pb.start();
        ApiProcess api = new ApiProcess(p, log, URI.create("http://127.0.0.1:" + port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) break;
            try {
                HttpRequest ping = HttpRequest.newBuilder(api.base.resolve("/v1/queues")).timeout(Duration.ofSeconds(2)).build();
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return api;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        api.close();
        throw new IOException("scheduler-api did not answer within 60 s; last log lines:\n" + api.tail());
    }

    /** CPU time (user + system) the API process has used so far, in µs; 0 where the OS does not tell. */
    public long cpuMicros() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1_000).orElse(0L);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // harmless
        }
    }
}
