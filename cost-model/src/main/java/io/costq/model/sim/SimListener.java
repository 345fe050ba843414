package io.costq.model.sim;

/** What the model reports; statistics collectors implement it and stay out of the model. */
interface SimListener {
    void jobStarted(SimJob job, double nowMs);

    /** The job's end is recorded at {@code endMs}: its run's end plus the cluster's per-job overhead (usually 0). */
    void jobFinished(SimJob job, double endMs);

    /** A node's load changed: from now on it has this many tasks in a CPU phase and this many in all. */
    void nodeLoad(int node, double nowMs, int cpuTasks, int running);

    /** Whether jobs wait in the shared queues (pull dispatchers), from now on. */
    default void queueWaiting(double nowMs, boolean waiting) {}
}
