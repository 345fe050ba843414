package io.costq.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Sentinel-managed Redis for tests: a primary, a replica and three {@code redis-sentinel} processes
 * (quorum 2), all on free loopback ports. The primary is declared down after 1 s without an answer, so killing it
 * promotes the replica within a few seconds; a killed node started again is turned into a replica by the sentinels.
 */
public final class RedisSentinelProcess implements AutoCloseable {
    public static final String MASTER = "costq";

    private final List<RedisServerProcess> servers;
    private final List<Process> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();

    private RedisSentinelProcess(List<RedisServerProcess> servers) {
        this.servers = servers;
    }

    public static RedisSentinelProcess start() {
        List<String> plain = List.of("--save", "", "--appendonly", "no");
        RedisServerProcess primary = RedisServerProcess.start(plain);
        List<RedisServerProcess> servers = new ArrayList<>(List.of(primary));
        RedisSentinelProcess r = new RedisSentinelProcess(servers);
        try {
            List<String> replicaArgs = new ArrayList<>(plain);
            replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(primary.port())));
            servers.add(RedisServerProcess.start(replicaArgs));
            for (int i = 0; i < 3; i++) r.startSentinel(primary.port());
            r.awaitHealthy(30_000);
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e instanceof RuntimeException x ? x : new IllegalStateException("cannot start the sentinels", e);
        }
    }

    private void startSentinel(int primaryPort) throws IOException {
        int port = RedisServerProcess.freePort();
        Path dir = Files.createTempDirectory("costq-sentinel-");
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "protected-mode no", "daemonize no",
                "dir " + dir, "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + MASTER + " 1000", "sentinel failover-timeout " + MASTER + " 5000",
                "sentinel parallel-syncs " + MASTER + " 1", ""));
        sentinels.add(new ProcessBuilder(Launchers.binary("redis-sentinel"), conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel.log").toFile()).start());
        sentinelPorts.add(port);
    }

    /** The sentinels' addresses for a client, {@code 127.0.0.1:port}. */
    public List<String> sentinelAddresses() {
        return sentinelPorts.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    /** The node the sentinels name as primary now. */
    public RedisServerProcess primary() {
        for (int port : sentinelPorts) {
            String[] addr = RedisCli.run(port, "sentinel", "get-master-addr-by-name", MASTER).trim().split("\\s+");
            if (addr.length == 2) {
                int p = Integer.parseInt(addr[1]);
                return servers.stream().filter(s -> s.port() == p).findFirst().orElseThrow();
            }
        }
        throw new IllegalStateException("no sentinel names a primary");
    }

    /** Waits until the sentinels name a primary other than {@code old} and it answers as one. */
    public RedisServerProcess awaitNewPrimary(RedisServerProcess old, long timeoutMs) {
        // a sentinel asked in the middle of the failover may name none: asked again
        return Launchers.poll(timeoutMs, 50, () -> Optional.of(primary())
                        .filter(p -> p != old && RedisCli.run(p.port(), "role").startsWith("master")))
                .orElseThrow(() -> new IllegalStateException("the replica was not promoted within " + timeoutMs + " ms"));
    }

    /**
     * Starts a killed node again as a replica of the current primary (as its supervisor would; the sentinels would
     * also turn it into one, but only at their next look, up to 10 s later), in sync when this returns.
     */
    public void restart(RedisServerProcess node, long timeoutMs) {
        RedisServerProcess primary = primary();
        try {
            node.launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart node " + node.port(), e);
        }
        RedisCli.run(node.port(), "replicaof", "127.0.0.1", String.valueOf(primary.port()));
        awaitHealthy(timeoutMs);
    }

    /** One primary with its replica in sync, and every sentinel knowing the replica and the two other sentinels. */
    private void awaitHealthy(long timeoutMs) {
        Launchers.await("the sentinel setup did not become healthy", timeoutMs, 100, this::healthy);
    }

    private boolean healthy() {
        RedisServerProcess primary = primary();
        String info = RedisCli.run(primary.port(), "info", "replication");
        if (!info.contains("role:master") || !info.contains("connected_slaves:1")) return false;
        for (RedisServerProcess s : servers) {
            if (s != primary && !RedisCli.run(s.port(), "info", "replication").contains("master_link_status:up")) return false;
        }
        for (int port : sentinelPorts) {
            String replicas = RedisCli.run(port, "sentinel", "replicas", MASTER);
            String others = RedisCli.run(port, "sentinel", "sentinels", MASTER);
            if (replicas.contains("s_down") || !replicas.contains("slave") || others.lines().filter("name"::equals).count() < 2) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        sentinels.forEach(Launchers::stop);
        servers.forEach(RedisServerProcess::close);
    }
}
