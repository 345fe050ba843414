package io.costq.model;

/**
 * The state of one cost class's queue as a node sees it.
 *
 * @param costClass      the class, 0 = cheapest
 * @param depth          jobs ready in the queue
 * @param headQueuedAtMs when the head (oldest) job was queued, epoch ms; ignored when empty
 * @param headEstimateMs the head job's estimate; ignored when empty
 */
public record ClassQueue(int costClass, long depth, long headQueuedAtMs, long headEstimateMs) {
    public boolean isEmpty() {
        return depth <= 0;
    }

    public static ClassQueue empty(int costClass) {
        return new ClassQueue(costClass, 0, 0, 0);
    }
}
