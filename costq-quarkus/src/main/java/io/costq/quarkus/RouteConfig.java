package io.costq.quarkus;

import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * The decision server ({@code GET /v1/route}, sessions, servers joining pools) and this API instance's own place
 * in the directory and in pool {@code api}: {@code costq.route.*}, a group of {@link CostqConfig}. Allowed loads,
 * leases, sticky time, default capacity and warm-up can be changed live ({@code PUT /v1/config}); the rest is per
 * process.
 */
public interface RouteConfig {
    /** Allowed load fraction (load / capacity) of a pool not listed under allowed-load, in [0.01, 1]. */
    @WithDefault("0.8")
    double defaultAllowedLoad();

    /**
     * Allowed load fraction per pool, in [0.01, 1], e.g. {@code costq.route.allowed-load.forex=0.4}: a server
     * gets no new session that would take its load above this fraction of its capacity.
     */
    Map<String, Double> allowedLoad();

    /** A client whose session ended gets the same server back within this many ms, if it has room. */
    @WithDefault("600000")
    long stickyTtlMs();

    /** Seconds a 503 (no server of the pool has room) asks the client to wait. */
    @WithDefault("1")
    int retryAfterS();

    /** A session not renewed for this many ms ends and frees its slot (clients renew every third of it). */
    @WithDefault("30000")
    long sessionLeaseMs();

    /** A server outside costq not heard from ({@code PUT /v1/servers/...}) for this many ms gets no sessions. */
    @WithDefault("10000")
    long serverLeaseMs();

    /** Capacity (sessions at 100 %) of a server that reports none, was taught none and is not learned yet. */
    @WithDefault("100")
    int defaultCapacity();

    /** Utilization samples a server reports before its capacity is learned from them (the warm-up), 10..256. */
    @WithDefault("30")
    int learnMinSamples();

    /** This API instance's id in the node directory; defaults to "api-" + host name + process id. */
    Optional<String> nodeId();

    /** The base URI clients reach this API instance under; defaults to http://host:port. */
    Optional<String> uri();

    /**
     * In-flight HTTP requests at which this API instance counts as fully loaded (100 %), as it reports itself in
     * pool {@code api}; an operator caps it live per instance ({@code PUT /v1/servers/api/{id}/admin}).
     */
    @WithDefault("256")
    int capacity();

    /** How often this API instance publishes its load, in ms. */
    @WithDefault("1000")
    long heartbeatMs();

    /** This API instance's entry expires unless refreshed within this many ms. */
    @WithDefault("3000")
    long nodeTtlMs();
}
