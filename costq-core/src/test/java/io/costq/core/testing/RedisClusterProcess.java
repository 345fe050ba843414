package io.costq.core.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis Cluster for tests: {@code masters} × (1 + replicas) {@code redis-server} processes on free loopback
 * ports, each with its own directory, cluster config file and AOF, joined by {@code redis-cli --cluster create}.
 * Nodes time out after 1 s, so a killed primary's replica takes over within a few seconds; the cluster keeps
 * serving the other shards meanwhile ({@code cluster-require-full-coverage no}).
 */
public final class RedisClusterProcess implements AutoCloseable {
    private final List<RedisServerProcess> nodes;

    private RedisClusterProcess(List<RedisServerProcess> nodes) {
        this.nodes = nodes;
    }

    public static RedisClusterProcess start(int masters, int replicasEach) {
        List<RedisServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters * (1 + replicasEach); i++) {
                nodes.add(RedisServerProcess.start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-port", String.valueOf(RedisServerProcess.freePort()), "--cluster-node-timeout", "1000",
                        "--cluster-require-full-coverage", "no", "--appendonly", "yes", "--save", "")));
            }
            RedisClusterProcess cluster = new RedisClusterProcess(nodes);
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            for (RedisServerProcess n : nodes) create.add("127.0.0.1:" + n.port());
            create.addAll(List.of("--cluster-replicas", String.valueOf(replicasEach), "--cluster-yes"));
            cluster.cli(nodes.get(0).port(), create.toArray(String[]::new));
            cluster.awaitHealthy(30_000);
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(RedisServerProcess::close);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start the cluster", e);
        }
    }

    /** Seed addresses for a client, {@code 127.0.0.1:port}. */
    public List<String> addresses() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).toList();
    }

    public List<RedisServerProcess> nodes() {
        return nodes;
    }

    /** The node serving {@code key}'s slot as primary. */
    public RedisServerProcess primaryOf(String key) {
        RedisServerProcess any = alive();
        int slot = Integer.parseInt(cli(any.port(), "cluster", "keyslot", key).trim());
        for (String line : cli(any.port(), "cluster", "nodes").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) continue;
            for (int i = 8; i < f.length; i++) {
                String[] range = f[i].split("-");
                if (range[0].startsWith("[")) continue;
                int lo = Integer.parseInt(range[0]);
                int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
                if (slot >= lo && slot <= hi) return byPort(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
            }
        }
        throw new IllegalStateException("no primary serves slot " + slot);
    }

    /** Waits until a live node other than {@code dead} serves {@code key}'s slot and the cluster is ok again. */
    public RedisServerProcess awaitNewPrimary(String key, RedisServerProcess dead, long timeoutMs) {
        return Launchers.poll(timeoutMs, 50, () -> Optional.of(primaryOf(key)).filter(p -> p != dead && p.ping() && clusterOk(p)))
                .orElseThrow(() -> new IllegalStateException("no replica took over " + key + " within " + timeoutMs + " ms"));
    }

    /** Starts a killed node again (same port, directory, AOF and cluster file): it rejoins as a replica. */
    public void restart(RedisServerProcess node, long timeoutMs) {
        try {
            node.launch();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart node " + node.port(), e);
        }
        awaitHealthy(timeoutMs);
    }

    private void awaitHealthy(long timeoutMs) {
        Launchers.await("the cluster did not become healthy", timeoutMs, 100,
                () -> nodes.stream().allMatch(this::clusterOk) && replicasInSync());
    }

    private boolean replicasInSync() {
        for (RedisServerProcess n : nodes) {
            String info = cli(n.port(), "info", "replication");
            if (info.contains("role:slave") && !info.contains("master_link_status:up")) return false;
        }
        return true;
    }

    private boolean clusterOk(RedisServerProcess n) {
        return cli(n.port(), "cluster", "info").contains("cluster_state:ok");
    }

    private RedisServerProcess alive() {
        return nodes.stream().filter(RedisServerProcess::ping).findFirst().orElseThrow();
    }

    private RedisServerProcess byPort(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
    }

    /** Runs redis-cli against one node and returns its output. */
    public String cli(int port, String... args) {
        return RedisCli.run(port, args);
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }
}
