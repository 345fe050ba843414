package io.costq.core.route;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator allows the decision server: the load fraction (load / capacity) under which a node of a pool
 * may get more clients, per pool, and how long a client keeps its node without asking.
 *
 * @param defaultAllowedLoad  allowed fraction of pools not listed, in (0, 1]
 * @param allowedLoad         per pool (a node role: {@code api}, {@code worker}, ...), in (0, 1]
 * @param stickyTtlMs         a client not routed for this long is forgotten and may get another node
 * @param retryAfterSeconds   what a 503 (every node at its limit) tells the client to wait
 */
public record RouteSettings(double defaultAllowedLoad, Map<String, Double> allowedLoad, long stickyTtlMs, int retryAfterSeconds) {
    public static final RouteSettings DEFAULT = new RouteSettings(0.8, Map.of(), 600_000, 1);

    public RouteSettings {
        allowedLoad = java.util.Collections.unmodifiableMap(new TreeMap<>(allowedLoad == null ? Map.of() : allowedLoad));
        check("default allowed load", defaultAllowedLoad);
        allowedLoad.forEach((pool, f) -> check("allowed load of pool " + pool, f == null ? Double.NaN : f));
        if (stickyTtlMs < 1_000) throw new IllegalArgumentException("sticky ttl must be >= 1000 ms, was " + stickyTtlMs);
        if (retryAfterSeconds < 1) throw new IllegalArgumentException("retry-after must be >= 1 s");
    }

    private static void check(String what, double f) {
        if (!(f > 0 && f <= 1)) throw new IllegalArgumentException(what + " must be in (0, 1], was " + f);
    }

    public double allowedLoad(String pool) {
        return allowedLoad.getOrDefault(pool, defaultAllowedLoad);
    }

    public String describe() {
        return "route to the least-loaded node under " + defaultAllowedLoad + " of capacity"
                + (allowedLoad.isEmpty() ? "" : " (per pool " + allowedLoad + ")") + ", sticky for " + stickyTtlMs + " ms";
    }
}
