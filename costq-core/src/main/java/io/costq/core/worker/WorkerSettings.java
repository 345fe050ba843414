package io.costq.core.worker;

/**
 * Validated settings of one worker node.
 *
 * @param nodeId      unique id of this node in the directory
 * @param maxTasks    hard cap on concurrent tasks (handler threads)
 * @param cores       processors the pick policy assumes
 * @param heartbeatMs how often the node publishes its state
 * @param nodeTtlMs   the state expires unless refreshed within this
 * @param uri         where the node can be reached (for the directory; may be empty)
 * @param graceMs     on shutdown, how long running tasks may finish before they are left to their leases
 * @param claimBatch  most jobs one claim may take, when the pick policy would take them all
 */
public record WorkerSettings(String nodeId, int maxTasks, int cores, long heartbeatMs, long nodeTtlMs, String uri,
                             long graceMs, int claimBatch) {

    public WorkerSettings {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 200) throw new IllegalArgumentException("nodeId must be 1..200 characters");
        if (maxTasks < 1 || maxTasks > 10_000) throw new IllegalArgumentException("maxTasks must be in 1..10000");
        if (cores < 1) throw new IllegalArgumentException("cores must be >= 1");
        if (heartbeatMs < 10 || nodeTtlMs < 2 * heartbeatMs) throw new IllegalArgumentException("nodeTtlMs must be >= 2 x heartbeatMs >= 20");
        if (graceMs < 0) throw new IllegalArgumentException("graceMs must be >= 0");
        if (claimBatch < 1 || claimBatch > 1_000) throw new IllegalArgumentException("claimBatch must be in 1..1000");
        uri = uri == null ? "" : uri;
    }

    public static WorkerSettings of(String nodeId, int maxTasks) {
        return new WorkerSettings(nodeId, maxTasks, Runtime.getRuntime().availableProcessors(), 1_000, 3_000, "", 30_000, 16);
    }

    /** Claims in batches of up to 16. */
    public WorkerSettings(String nodeId, int maxTasks, int cores, long heartbeatMs, long nodeTtlMs, String uri, long graceMs) {
        this(nodeId, maxTasks, cores, heartbeatMs, nodeTtlMs, uri, graceMs, 16);
    }

    public String describe() {
        return "node " + nodeId + ": max " + maxTasks + " tasks on " + cores + " cores, heartbeat every " + heartbeatMs + " ms";
    }
}
