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

    public long totalDepth() {
        return classes.stream().mapToLong(ClassQueue::depth).sum();
    }
}
