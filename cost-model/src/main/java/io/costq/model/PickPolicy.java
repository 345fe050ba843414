package io.costq.model;

/**
 * Decides whether a node pulls work now and from which cost class. A pure function: the worker node and the
 * simulator call the same implementation with snapshots, so what is measured in simulation is what runs.
 */
@FunctionalInterface
public interface PickPolicy {
    Decision pick(NodeSnapshot node, QueueSnapshot queues, long nowMs);

    /**
     * How many jobs of class k to take at once, given that this policy just chose to take one: the policy is asked
     * again as if the first ones were already running (one more task each estimated like the head and not yet seen
     * by the CPU meter, one fewer job queued) until it would wait or switch class, the queue runs out, or {@code max} is reached.
     */
    default int batch(NodeSnapshot node, QueueSnapshot queues, int k, int max, long nowMs) {
        long depth = queues.classes().get(k).depth();
        long estimate = queues.classes().get(k).headEstimateMs();
        java.util.List<RunningTask> virtual = new java.util.ArrayList<>(node.running());
        int n = 1;
        while (n < max && n < depth) {
            virtual.add(new RunningTask(estimate, 0));
            // the meter has not seen the new ones: NodeSnapshot.busyCores counts them at the CPU share per task
            NodeSnapshot next = new NodeSnapshot(node.cpu(), node.cores(), node.maxTasks(), virtual, node.speed(), node.meterTasks());
            if (!(pick(next, queues.without(k, n), nowMs) instanceof Decision.Take t) || t.costClass() != k) break;
            n++;
        }
        return n;
    }
}
