package io.costq.model;

/**
 * A node's speed relative to the fleet, learnt from its own runs: a job's estimate is its user's recent run times
 * on any node, so estimate ÷ run time here averages to this node's speed over the fleet's typical one (0.8 = runs
 * take 1.25 × as long here). An exponential average of the log ratio (robust to the per-run noise), over runs of
 * at least {@code minEstimateMs} (shorter runs are dominated by overheads). Thread-safe: workers record from their
 * handler threads. Both the worker and the simulator feed the pick policy from this class.
 */
public final class NodeSpeed {
    /** Runs averaged, roughly (the weight of each new run is 1/this). */
    public static final int WINDOW = 100;
    /** Until this many runs, the node reports the typical speed 1. */
    public static final int MIN_RUNS = 20;
    public static final long MIN_ESTIMATE_MS = 100;

    private double logSpeed;
    private long runs;

    public synchronized void record(long estimateMs, long runMs) {
        if (estimateMs < MIN_ESTIMATE_MS || runMs <= 0) return;
        double x = Math.log((double) estimateMs / runMs);
        runs++;
        logSpeed += (x - logSpeed) / Math.min(runs, WINDOW);
    }

    /** The relative speed, in [0.25, 4]; 1 until {@link #MIN_RUNS} runs were recorded. */
    public synchronized double relative() {
        if (runs < MIN_RUNS) return 1.0;
        return Math.max(0.25, Math.min(4.0, Math.exp(logSpeed)));
    }
}
