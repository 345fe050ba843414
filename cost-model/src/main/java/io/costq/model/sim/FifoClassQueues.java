package io.costq.model.sim;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** One FIFO queue per cost class, as in Redis: the head of each is its oldest job. */
final class FifoClassQueues implements JobQueues {
    private final List<ArrayDeque<SimJob>> queues = new ArrayList<>();
    private long size;

    FifoClassQueues(int classes) {
        for (int k = 0; k < classes; k++) queues.add(new ArrayDeque<>());
    }

    @Override
    public void add(SimJob job) {
        queues.get(job.costClass).addLast(job);
        size++;
    }

    @Override
    public SimJob poll(int costClass, double nowMs) {
        if (costClass < 0 || costClass >= queues.size()) return null;
        SimJob j = queues.get(costClass).pollFirst();
        if (j != null) size--;
        return j;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public QueueSnapshot snapshot() {
        List<ClassQueue> classes = new ArrayList<>(queues.size());
        for (int k = 0; k < queues.size(); k++) {
            SimJob head = queues.get(k).peekFirst();
            classes.add(head == null ? ClassQueue.empty(k)
                    : new ClassQueue(k, queues.get(k).size(), head.trace.arrivalMs(), head.estimateMs));
        }
        return new QueueSnapshot(classes);
    }
}
