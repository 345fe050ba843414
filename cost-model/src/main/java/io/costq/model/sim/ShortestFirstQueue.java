package io.costq.model.sim;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** One queue whose head is the job with the smallest estimate (ties: oldest): the oracle's SJF queue. */
final class ShortestFirstQueue implements JobQueues {
    private final PriorityQueue<SimJob> queue = new PriorityQueue<>(
            Comparator.comparingLong((SimJob j) -> j.estimateMs).thenComparingLong(j -> j.id));

    @Override
    public void add(SimJob job) {
        queue.add(job);
    }

    @Override
    public SimJob poll(int costClass, double nowMs) {
        return costClass == 0 ? queue.poll() : null;
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public QueueSnapshot snapshot() {
        SimJob head = queue.peek();
        return new QueueSnapshot(List.of(head == null ? ClassQueue.empty(0)
                : new ClassQueue(0, queue.size(), head.trace.arrivalMs(), head.estimateMs)));
    }
}
