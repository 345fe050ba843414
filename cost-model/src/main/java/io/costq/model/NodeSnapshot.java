package io.costq.model;

import java.util.List;

/**
 * What a node knows about itself when deciding whether to pull.
 *
 * @param cpu        CPU load of the node in [0, 1], as its meter shows it (a meter lags: see {@code meterLagMs})
 * @param cores      available processors
 * @param maxTasks   the node's hard cap on concurrent tasks (its thread pool)
 * @param running    its running tasks (handlers still running; a task whose end is being recorded is not one)
 * @param speed      the node's speed relative to the fleet's typical node (1 = typical, 0.7 = takes 1/0.7 as long),
 *                   as {@link NodeSpeed} learns it from the node's own runs
 * @param meterTasks its running-task count as the CPU meter sees it ({@link TaskCountAverage}: averaged with the
 *                   meter's time constant); the number of running tasks for an instantaneous meter
 */
public record NodeSnapshot(double cpu, int cores, int maxTasks, List<RunningTask> running, double speed, double meterTasks) {
    public NodeSnapshot {
        running = List.copyOf(running);
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0, was " + speed);
        if (!(meterTasks >= 0)) throw new IllegalArgumentException("meterTasks must be >= 0");
    }

    /** A typical-speed node with an instantaneous meter. */
    public NodeSnapshot(double cpu, int cores, int maxTasks, List<RunningTask> running) {
        this(cpu, cores, maxTasks, running, 1.0, running.size());
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

    /**
     * Busy cores as far as the node can tell. The meter shows the CPU of the tasks it has seen ({@code meterTasks});
     * scaled to the tasks running now, it counts a task just started (the meter does not show it yet) and no longer
     * a task just finished (the meter still shows it) — each at the CPU share of the tasks the meter saw (below 1
     * when some wait on a downstream). Until the meter has seen about one task (a node starting to pull), each
     * running task counts as a busy core on top of the reading (other processes' load).
     */
    public double busyCores() {
        double measured = cpu * cores;
        int now = running.size();
        if (meterTasks >= 1) return measured * now / meterTasks;
        return measured + now;
    }
}
