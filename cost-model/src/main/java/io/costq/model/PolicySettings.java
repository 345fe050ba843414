package io.costq.model;

/**
 * Validated settings of {@link CostqPickPolicy}.
 *
 * @param cpuThreshold  a node whose CPU load is at or above this is "busy" and takes only fill-in work (the seed's
 *                      0.80). With C cores, a threshold above (C−1)/C lets a node run one CPU-bound task per core
 * @param maxTasks      never more running tasks than this on one node (a hard cap, also bounded by the node's own)
 * @param fillInMaxMs   a busy node still takes a job whose estimate is at most this and fits before its
 *                      soonest-finishing task ends (small fill-in work); 0 disables fill-in
 * @param idleWaitMs    how long a node waits before asking again when it decides not to pull
 * @param slotsPerCore  slot gate: a node is also busy once its running tasks (in CPU or blocked on a downstream)
 *                      reach {@code ceil(slotsPerCore × cores)}, so tasks blocked on a slow downstream still count;
 *                      0 disables the gate (the seed's CPU-only rule)
 * @param starvationMs  aging guard: a queue head that has waited at least this long goes before any other (oldest
 *                      first), whatever its cost, so a backlog drains in arrival order and no login waits without
 *                      bound; 0 disables it and only the response ratio ages jobs
 */
public record PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs, double slotsPerCore,
                             long starvationMs) {

    /** The BT case's literal rule: pull while CPU &lt; 80 %, small fill-in jobs above it, no slot gate. */
    public static final PolicySettings SEED = new PolicySettings(0.80, 32, 2_000, 200, 0, 0);

    /**
     * The defaults tuned with the simulator (docs/scheduling.md): one CPU-bound task per core (0.95 on 8 cores lets
     * the 8th start), 1.5 slots per core so tasks blocked on a downstream count, no fill-in beyond the cores, and
     * heads waiting 30 s or more taken oldest first.
     */
    public static final PolicySettings DEFAULT = new PolicySettings(0.95, 64, 0, 200, 1.5, 30_000);

    public PolicySettings {
        if (!(cpuThreshold > 0 && cpuThreshold <= 1.0)) throw new IllegalArgumentException("cpuThreshold must be in (0, 1], was " + cpuThreshold);
        if (maxTasks < 1) throw new IllegalArgumentException("maxTasks must be >= 1, was " + maxTasks);
        if (fillInMaxMs < 0) throw new IllegalArgumentException("fillInMaxMs must be >= 0");
        if (idleWaitMs < 1) throw new IllegalArgumentException("idleWaitMs must be >= 1");
        if (starvationMs < 0) throw new IllegalArgumentException("starvationMs must be >= 0 (0 = off)");
        if (!(slotsPerCore >= 0) || Double.isInfinite(slotsPerCore)) throw new IllegalArgumentException("slotsPerCore must be >= 0 (0 = off), was " + slotsPerCore);
    }

    /** The seed's four settings, with the slot gate and the aging guard off. */
    public PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs) {
        this(cpuThreshold, maxTasks, fillInMaxMs, idleWaitMs, 0, 0);
    }

    /** How many tasks a node with this many cores may run before the slot gate makes it busy. */
    public int slots(int cores) {
        return slotsPerCore == 0 ? Integer.MAX_VALUE : (int) Math.ceil(slotsPerCore * cores - 1e-9);
    }

    public String describe() {
        return "pull while CPU < " + cpuThreshold
                + (slotsPerCore > 0 ? " and running tasks < " + slotsPerCore + " x cores" : "")
                + ", at most " + maxTasks + " tasks"
                + (fillInMaxMs > 0 ? ", fill-in jobs <= " + fillInMaxMs + " ms when busy" : ", no fill-in")
                + (starvationMs > 0 ? ", heads waiting >= " + starvationMs + " ms first (oldest first)" : "")
                + ", else class by highest response ratio"
                + ", re-check every " + idleWaitMs + " ms";
    }
}
