package io.costq.model.sim;

import io.costq.model.QueueSnapshot;

/** The shared queues pull nodes take from, one per cost class. */
interface JobQueues {
    void add(SimJob job);

    /** Removes the head of the class, or null when it is empty. */
    SimJob poll(int costClass);

    boolean isEmpty();

    QueueSnapshot snapshot();
}
