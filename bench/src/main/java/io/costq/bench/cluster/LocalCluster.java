package io.costq.bench.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Redis Cluster of {@code masters} primaries (no replicas, no persistence) on free loopback ports,
 * formed with {@code redis-cli --cluster create}; a cluster of one primary holds all 16,384 slots.
 */
final class LocalCluster implements AutoCloseable {
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    LocalCluster(int masters) throws IOException, InterruptedException {
        for (int i = 0; i < masters; i++) {
            int port = freePort();
            Path dir = Files.createTempDirectory("costq-cluster-bench-");
            Process p = new ProcessBuilder(server(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-port", String.valueOf(freePort()),
                    "--cluster-announce-ip", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            ports.add(port);
            processes.add(p);
        }
        for (int port : ports) awaitPing(port);
        if (masters == 1) {
            cli(ports.get(0), "cluster", "addslotsrange", "0", "16383");
        } else {
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            for (int port : ports) create.add("127.0.0.1:" + port);
            create.add("--cluster-yes");
            cli(ports.get(0), create.toArray(String[]::new));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (!ports.stream().allMatch(p -> cli(p, "cluster", "info").contains("cluster_state:ok"))) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("cluster not ok");
            Thread.sleep(100);
        }
    }

    List<String> addresses() {
        return ports.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    List<Integer> ports() {
        return ports;
    }

    /** used_cpu_sys + used_cpu_user of one node, in seconds. */
    double cpuSeconds(int port) {
        double total = 0;
        for (String line : cli(port, "info", "cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    static String cli(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of(new File("/usr/bin/redis-cli").canExecute() ? "/usr/bin/redis-cli" : "redis-cli",
                "-h", "127.0.0.1", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPing(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cli(port, "ping").contains("PONG")) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("redis on " + port + " not up");
            Thread.sleep(20);
        }
    }

    private static String server() {
        String env = System.getenv("REDIS_SERVER");
        return env != null && !env.isBlank() ? env : "redis-server";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
