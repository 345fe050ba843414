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
 * @param meterLagMs the CPU meter's time constant: a task started that recently is not (fully) in {@code cpu} yet;
 *                   0 for an instantaneous meter
 */
public record NodeSnapshot(double cpu, int cores, int maxTasks, List<RunningTask> running, double speed, long meterLagMs) {
    public NodeSnapshot {
        running = List.copyOf(running);
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0, was " + speed);
        if (meterLagMs < 0) throw new IllegalArgumentException("meterLagMs must be >= 0");
    }

    /** A typical-speed node with an instantaneous meter. */
    public NodeSnapshot(double cpu, int cores, int maxTasks, List<RunningTask> running) {
        this(cpu, cores, maxTasks, running, 1.0, 0);
    }

    /** The same node with these running tasks (for asking the policy again as if it had taken more). */
    public NodeSnapshot withRunning(List<RunningTask> tasks) {
        return new NodeSnapshot(cpu, cores, maxTasks, tasks, speed, meterLagMs);
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
     * Busy cores as far as the node can tell: the meter's reading plus the part of each recently started task the
     * lagging meter does not show yet (a new task computes from its start; an exponential meter with time constant
     * τ shows e^(−age/τ) less of it). Without this a node whose meter lags takes job after job before the first
     * ones show.
     */
    public double busyCores() {
        double busy = cpu * cores;
        if (meterLagMs > 0) {
            for (RunningTask t : running) busy += Math.exp(-(double) t.elapsedMs() / meterLagMs);
        }
        return busy;
    }
}
