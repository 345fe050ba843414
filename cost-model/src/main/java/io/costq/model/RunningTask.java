package io.costq.model;

/** A task running on a node: its estimate and how long it has run so far. */
public record RunningTask(long estimateMs, long elapsedMs) {
    /** Estimated time left; a task that overran its estimate is taken to end any moment. */
    public long remainingMs() {
        return Math.max(0, estimateMs - elapsedMs);
    }
}
