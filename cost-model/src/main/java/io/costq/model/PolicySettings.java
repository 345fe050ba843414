package io.costq.model;

/**
 * Validated settings of {@link CostqPickPolicy}.
 *
 * @param cpuThreshold below this smoothed CPU load a node takes work at once (the seed's 0.80)
 * @param maxTasks     never more running tasks than this on one node
 * @param fillInMaxMs  above the threshold, a node still takes a job whose estimate is at most this and fits before
 *                     its soonest-finishing task ends (small fill-in work); 0 disables fill-in
 * @param idleWaitMs   how long a node waits before asking again when it decides not to pull
 */
public record PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs) {

    public static final PolicySettings SEED = new PolicySettings(0.80, 32, 2_000, 200);

    public PolicySettings {
        if (!(cpuThreshold > 0 && cpuThreshold <= 1.0)) throw new IllegalArgumentException("cpuThreshold must be in (0, 1], was " + cpuThreshold);
        if (maxTasks < 1) throw new IllegalArgumentException("maxTasks must be >= 1, was " + maxTasks);
        if (fillInMaxMs < 0) throw new IllegalArgumentException("fillInMaxMs must be >= 0");
        if (idleWaitMs < 1) throw new IllegalArgumentException("idleWaitMs must be >= 1");
    }

    public String describe() {
        return "pull while CPU < " + cpuThreshold + ", at most " + maxTasks + " tasks, fill-in jobs <= " + fillInMaxMs
                + " ms above the threshold, re-check every " + idleWaitMs + " ms";
    }
}
