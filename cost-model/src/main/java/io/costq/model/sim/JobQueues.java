package io.costq.model.sim;

import io.costq.model.QueueSnapshot;

/** The shared queues pull nodes take from, one per cost class. */
interface JobQueues {
    void add(SimJob job);

    /** Removes the head of the class at {@code nowMs}, or null when it is empty. */
    SimJob poll(int costClass, double nowMs);

    boolean isEmpty();

    QueueSnapshot snapshot();
}
