package io.costq.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A throw-away {@code redis-server} on a free loopback port (never 6379), with persistence off. */
public final class LocalRedis implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private LocalRedis(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a throw-away redis-server on a free loopback port (never 6379), persistence off. */
    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public static LocalRedis start() throws IOException, InterruptedException {
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        Path dir = Files.createTempDirectory("costq-bench-redis");
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Process p = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.isAlive() && System.nanoTime() < deadline) {
                try (RedisProbe probe = new RedisProbe("127.0.0.1", port)) {
                    if ("PONG".equals(probe.call("PING"))) return new LocalRedis(p, dir, port);
                } catch (IOException | RuntimeException e) {
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly();
            BenchMain.log("redis-server on port " + port + " did not come up (attempt " + attempt + ")");
        }
        throw new IOException("could not start " + binary + "; see " + dir.resolve("redis.log"));
    }

    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (s.getLocalPort() != 6379) return s.getLocalPort();
            }
        }
    }

    @Override
    public void close() {
        try (RedisProbe probe = new RedisProbe("127.0.0.1", port)) {
            probe.call("SHUTDOWN", "NOSAVE");
        } catch (IOException | RuntimeException e) {
            // SHUTDOWN closes the connection instead of answering
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
