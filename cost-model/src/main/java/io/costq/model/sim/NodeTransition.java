package io.costq.model.sim;

/**
 * A node's earliest phase change (a CPU phase or a downstream wait ends). Stale when the node's state changed after
 * it was scheduled: then a newer transition event exists and this one does nothing.
 */
final class NodeTransition extends Event {
    private final Cluster cluster;
    private final SimNode node;
    private final long version;

    NodeTransition(double timeMs, Cluster cluster, SimNode node, long version) {
        super(timeMs, NODE_TRANSITION);
        this.cluster = cluster;
        this.node = node;
        this.version = version;
    }

    @Override
    void fire(Simulation sim) {
        if (node.transitionVersion() == version) cluster.transition(node);
    }
}
