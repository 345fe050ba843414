package io.costq.model;

/**
 * Decides whether a node pulls work now and from which cost class. A pure function: the worker node and the
 * simulator call the same implementation with snapshots, so what is measured in simulation is what runs.
 */
@FunctionalInterface
public interface PickPolicy {
    Decision pick(NodeSnapshot node, QueueSnapshot queues, long nowMs);
}
