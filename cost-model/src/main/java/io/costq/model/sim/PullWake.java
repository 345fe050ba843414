package io.costq.model.sim;

/** A pull node's wait (Decision.Wait) is over: it asks its policy again. Stale if the node re-evaluated since. */
final class PullWake extends Event {
    private final Cluster cluster;
    private final SimNode node;
    private final long version;

    PullWake(double timeMs, Cluster cluster, SimNode node, long version) {
        super(timeMs, PULL_WAKE);
        this.cluster = cluster;
        this.node = node;
        this.version = version;
    }

    @Override
    void fire(Simulation sim) {
        if (node.wakeVersion() == version) cluster.wake(node);
    }
}
