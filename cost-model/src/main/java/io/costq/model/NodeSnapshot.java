package io.costq.model;

import java.util.List;

/**
 * What a node knows about itself when deciding whether to pull.
 *
 * @param cpu      smoothed CPU load of the node in [0, 1]
 * @param cores    available processors
 * @param maxTasks the node's hard cap on concurrent tasks
 * @param running  its running tasks
 */
public record NodeSnapshot(double cpu, int cores, int maxTasks, List<RunningTask> running) {
    public NodeSnapshot {
        running = List.copyOf(running);
    }

    /** Time until the soonest-finishing running task ends; {@code Long.MAX_VALUE} with nothing running. */
    public long soonestFinishMs() {
        long min = Long.MAX_VALUE;
        for (RunningTask t : running) min = Math.min(min, t.remainingMs());
        return min;
    }

    /** Estimated time to finish all running tasks (the seed's "time to complete all remaining tasks"). */
    public long allRemainingMs() {
        long max = 0;
        for (RunningTask t : running) max = Math.max(max, t.remainingMs());
        return max;
    }
}
