package io.costq.core;

/**
 * How costq spreads over Redis: the number of partitions (each a hash tag, so one slot of a Redis Cluster) and how
 * many replicas must have a submit before it is acknowledged.
 *
 * @param partitions     key partitions, 1..1024; a job's partition comes from its ordering key, else its user
 * @param waitReplicas   replicas that must acknowledge a submit's write (Redis WAIT) before it is answered; 0 = none
 * @param waitTimeoutMs  how long a submit waits for them; fewer in time fails the submit (the caller retries)
 */
public record ClusterSettings(int partitions, int waitReplicas, long waitTimeoutMs) {
    public static final int MAX_PARTITIONS = 1024;
    public static final ClusterSettings SINGLE = new ClusterSettings(1, 0, 1_000);

    public ClusterSettings {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be in 1.." + MAX_PARTITIONS + ", was " + partitions);
        }
        if (waitReplicas < 0) throw new IllegalArgumentException("waitReplicas must be >= 0");
        if (waitTimeoutMs < 1) throw new IllegalArgumentException("waitTimeoutMs must be >= 1");
    }

    public String describe() {
        return partitions + (partitions == 1 ? " partition" : " partitions")
                + (waitReplicas == 0 ? ", submits not waiting for replicas"
                : ", submits wait for " + waitReplicas + " replica(s) up to " + waitTimeoutMs + " ms");
    }
}
