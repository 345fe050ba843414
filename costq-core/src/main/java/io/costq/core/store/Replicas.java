package io.costq.core.store;

import io.costq.core.ClusterSettings;

/**
 * How many replicas must acknowledge a pipeline's writes (Redis WAIT) before its calls succeed, and for how long
 * to wait for them; {@link #NONE} sends no WAIT.
 */
public record Replicas(int count, long timeoutMs) {
    public static final Replicas NONE = new Replicas(0, 0);

    public static Replicas of(ClusterSettings cluster) {
        return cluster.waitReplicas() == 0 ? NONE : new Replicas(cluster.waitReplicas(), cluster.waitTimeoutMs());
    }
}
