package io.costq.core.route;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A costq node as a server of its pool (API instances in {@code api}, worker nodes in {@code worker}): it registers
 * through the same script as any server outside costq, with its own heartbeat period's lease. A node without a URI
 * is not something a client can connect to, so it does not join.
 */
public final class PoolMember {
    private static final Logger LOG = LoggerFactory.getLogger(PoolMember.class);

    private final DecisionServer decisions;
    private final String pool;
    private final String id;
    private final long leaseMs;
    private final Supplier<RouteSettings> settings;
    private volatile boolean joined;

    /** @param leaseMs how long the registration lives unrenewed (the node's own heartbeat TTL) */
    public PoolMember(DecisionServer decisions, String pool, String id, long leaseMs, Supplier<RouteSettings> settings) {
        this.decisions = decisions;
        this.pool = RouteInput.pool(pool);
        this.id = RouteInput.server(id);
        this.leaseMs = leaseMs;
        this.settings = settings;
    }

    /**
     * One heartbeat: its URI, capacity, load (requests in flight, running tasks) and CPU. Failures are logged, not
     * thrown: the node's own work must not stop because its registration could not be renewed this once.
     */
    public void report(String uri, int capacity, int load, double cpu, long nowMs) {
        if (uri == null || uri.isBlank()) return;
        try {
            decisions.register(pool, new ServerReport(id, uri, Math.max(1, capacity), load, Math.max(0, cpu), false), nowMs,
                    leaseMs, settings.get());
            joined = true;
        } catch (RuntimeException e) {
            LOG.debug("could not renew {} in pool {}: {}", id, pool, e.toString());
        }
    }

    /** Leaves the pool at once (a clean stop; a crash leaves it when the lease runs out). */
    public void leave(long nowMs) {
        if (!joined) return;
        try {
            decisions.leave(pool, id, nowMs);
        } catch (RuntimeException e) {
            LOG.debug("could not leave pool {}: {}", pool, e.toString());
        }
    }
}
