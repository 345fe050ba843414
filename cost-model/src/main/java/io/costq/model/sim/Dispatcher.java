package io.costq.model.sim;

import java.util.List;

/** How jobs reach nodes: pushed at arrival by a balancer, or pulled by the nodes from shared queues. */
interface Dispatcher {
    void attach(Cluster cluster);

    void onArrival(SimJob job);

    /** Some of the node's tasks just completed (they are already off the node). */
    void onTasksFinished(SimNode node, List<SimJob> done);

    /** A task of the node entered or left a downstream wait (no task finished). */
    default void onPhaseChanged(SimNode node) {}

    /** A wait the node asked for is over. */
    void onWake(SimNode node);
}
