package io.costq.core;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where Redis is and how to reach it.
 *
 * @param mode       SINGLE (one server, {@code url}), CLUSTER (Redis Cluster, seed {@code nodes}) or SENTINEL
 *                   ({@code nodes} are the sentinels, {@code masterName} names the monitored primary)
 * @param url        the server of SINGLE mode: {@code redis://host:port}, {@code rediss://} for TLS, with optional
 *                   {@code user:password@}
 * @param nodes      seed nodes of CLUSTER, sentinels of SENTINEL: {@code host:port} or full {@code redis://} URLs
 * @param masterName the primary's name in SENTINEL mode
 * @param password   overrides a password in the URL when not null/blank
 * @param poolSize   connections in the pool (per primary in CLUSTER mode)
 */
public record RedisOptions(Mode mode, String url, List<String> nodes, String masterName, String password, int poolSize) {

    public enum Mode { SINGLE, CLUSTER, SENTINEL }

    public RedisOptions {
        if (mode == null) throw new IllegalArgumentException("redis mode must be single, cluster or sentinel");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        if (poolSize < 1) throw new IllegalArgumentException("pool size must be >= 1");
        if (mode == Mode.SINGLE && (url == null || url.isBlank())) throw new IllegalArgumentException("single mode needs a url");
        if (mode != Mode.SINGLE && nodes.isEmpty()) {
            throw new IllegalArgumentException(mode.name().toLowerCase(Locale.ROOT) + " mode needs node addresses (costq.redis.nodes)");
        }
        if (mode == Mode.SENTINEL && (masterName == null || masterName.isBlank())) {
            throw new IllegalArgumentException("sentinel mode needs the master name (costq.redis.master-name)");
        }
    }

    public static RedisOptions single(String url, String password, int poolSize) {
        return new RedisOptions(Mode.SINGLE, url, List.of(), null, password, poolSize);
    }

    public static RedisOptions cluster(List<String> nodes, String password, int poolSize) {
        return new RedisOptions(Mode.CLUSTER, null, nodes, null, password, poolSize);
    }

    public static Mode mode(String text) {
        try {
            return Mode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redis mode must be single, cluster or sentinel, was '" + text + "'");
        }
    }

    /** The node addresses as Redisson wants them ({@code redis://host:port}); TLS when the url says {@code rediss}. */
    List<String> nodeAddresses() {
        String scheme = url != null && url.startsWith("rediss://") ? "rediss://" : "redis://";
        return nodes.stream().map(String::trim).filter(n -> !n.isEmpty())
                .map(n -> n.contains("://") ? n : scheme + n).toList();
    }

    /** For the start-up log: no password. */
    public String describe() {
        return switch (mode) {
            case SINGLE -> "single Redis at " + URI.create(url).getHost() + ":" + URI.create(url).getPort();
            case CLUSTER -> "Redis Cluster via " + String.join(",", nodes);
            case SENTINEL -> "Redis Sentinel master '" + masterName + "' via " + String.join(",", nodes);
        };
    }
}
