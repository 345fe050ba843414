package io.costq.model;

import java.util.List;

/** All class queues at one moment, indexed by class. */
public record QueueSnapshot(List<ClassQueue> classes) {
    public QueueSnapshot {
        classes = List.copyOf(classes);
    }

    public boolean isEmpty() {
        return classes.stream().allMatch(ClassQueue::isEmpty);
    }

    /** The same snapshot with {@code taken} jobs gone from the head of class k (same head, as far as it knows). */
    public QueueSnapshot without(int k, long taken) {
        List<ClassQueue> next = new java.util.ArrayList<>(classes);
        ClassQueue q = next.get(k);
        next.set(k, new ClassQueue(k, Math.max(0, q.depth() - taken), q.headQueuedAtMs(), q.headEstimateMs()));
        return new QueueSnapshot(next);
    }

    public long totalDepth() {
        return classes.stream().mapToLong(ClassQueue::depth).sum();
    }
}
