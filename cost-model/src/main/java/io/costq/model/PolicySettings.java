package io.costq.model;

/**
 * Validated settings of {@link CostqPickPolicy}.
 *
 * @param cpuThreshold  a node takes work while its busy cores (the CPU meter corrected for its lag) stay below this
 *                      share of its cores; 0.95 lets an 8-core node start its 8th CPU-bound task (the seed's 0.80
 *                      idles one core of eight)
 * @param maxTasks      never more running tasks than this on one node (a hard cap, also bounded by the node's own)
 * @param fillInMaxMs   a node whose cores are busy still takes a job estimated at most this (too small to crowd the
 *                      cores); 0 disables it
 * @param idleWaitMs    how long a node waits before asking again when it decides not to pull
 * @param slotsPerCore  optional thread gate: at most {@code ceil(slotsPerCore × cores)} running tasks, blocked ones
 *                      included; 0 disables it (the default: the CPU gate already lets blocked tasks hold threads,
 *                      not cores, and a thread cap throttles downstream-bound work)
 * @param starvationMs  the aging guard's first line: a queue head that has waited this long goes before any other
 *                      (the latest first), whatever its cost; 0 disables the guard (all three lines)
 * @param deferMs       a node measurably slower than the fleet leaves a head younger than this to faster nodes
 *                      (they race for it) while every head is that young; 0 disables it
 * @param projectedMs   the guard's second line: a head whose wait plus {@link #RUN_SPREAD} × its estimate reaches this
 *                      goes first too (the run may overrun its estimate: a noisy run, a slower node), so a long job
 *                      starts while it can still end within the tail's bounds (p99 40 s, none over 60 s); 0 disables it
 * @param batchReserve  the share of a node's cores kept for interactive work: a head queued "in the future" (a batch
 *                      lane's score offset not yet spent: only batch work is in that queue) is taken only while the
 *                      busy cores stay below {@code (cpuThreshold − batchReserve) × cores}, and only when no queue has
 *                      a head that is due; 0 lets batch work fill every idle core
 */
public record PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs, double slotsPerCore,
                             long starvationMs, long deferMs, long projectedMs, double batchReserve) {
    /** How much longer than its estimate a run is allowed to take, for {@code projectedMs} (noise, a slower node). */
    public static final double RUN_SPREAD = 1.5;


    /** The BT case's literal rule: pull while CPU &lt; 80 %, small fill-in jobs (≤ 2 s) above it, 32 tasks. */
    public static final PolicySettings SEED = new PolicySettings(0.80, 32, 2_000, 200, 0, 0, 0, 0, 0);

    /**
     * The defaults chosen with the simulator's scenario matrix (docs/scheduling.md): the idle-core gate at 0.95,
     * a cap of 256 tasks (downstream-bound work needs many threads per core), jobs of at most 5 ms taken even when
     * the cores are busy, no thread gate, heads first that waited 32 s or whose wait plus 1.5 × their estimate
     * reaches 42 s, slower nodes leaving heads younger than 10 ms to faster ones, a quarter of the cores kept for
     * interactive work; a node that decided to wait asks again within 100 ms.
     */
    public static final PolicySettings DEFAULT = new PolicySettings(0.95, 256, 5, 100, 0, 32_000, 10, 42_000, 0.25);

    public PolicySettings {
        if (!(cpuThreshold > 0 && cpuThreshold <= 1.0)) throw new IllegalArgumentException("cpuThreshold must be in (0, 1], was " + cpuThreshold);
        if (maxTasks < 1) throw new IllegalArgumentException("maxTasks must be >= 1, was " + maxTasks);
        if (fillInMaxMs < 0) throw new IllegalArgumentException("fillInMaxMs must be >= 0");
        if (idleWaitMs < 1) throw new IllegalArgumentException("idleWaitMs must be >= 1");
        if (starvationMs < 0) throw new IllegalArgumentException("starvationMs must be >= 0 (0 = off)");
        if (deferMs < 0) throw new IllegalArgumentException("deferMs must be >= 0 (0 = off)");
        if (!(slotsPerCore >= 0) || Double.isInfinite(slotsPerCore)) throw new IllegalArgumentException("slotsPerCore must be >= 0 (0 = off), was " + slotsPerCore);
        if (projectedMs < 0) throw new IllegalArgumentException("projectedMs must be >= 0 (0 = off)");
        if (!(batchReserve >= 0 && batchReserve < cpuThreshold)) throw new IllegalArgumentException("batchReserve must be in [0, cpuThreshold), was " + batchReserve);
    }

    /** Seven settings, with the second line and the batch reserve at their defaults (the services set the second line too). */
    public PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs, double slotsPerCore,
                          long starvationMs, long deferMs) {
        this(cpuThreshold, maxTasks, fillInMaxMs, idleWaitMs, slotsPerCore, starvationMs, deferMs,
                starvationMs == 0 ? 0 : 42_000, 0.25);
    }

    /** The seed's four settings, with the thread gate, the aging guard and the deferral off. */
    public PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs) {
        this(cpuThreshold, maxTasks, fillInMaxMs, idleWaitMs, 0, 0, 0, 0, 0);
    }

    /** Without the deferral (the settings before it existed). */
    public PolicySettings(double cpuThreshold, int maxTasks, long fillInMaxMs, long idleWaitMs, double slotsPerCore,
                          long starvationMs) {
        this(cpuThreshold, maxTasks, fillInMaxMs, idleWaitMs, slotsPerCore, starvationMs, 0, 0, 0);
    }



    /** How many tasks a node with this many cores may run before the thread gate closes. */
    public int slots(int cores) {
        return slotsPerCore == 0 ? Integer.MAX_VALUE : (int) Math.ceil(slotsPerCore * cores - 1e-9);
    }

    public String describe() {
        return "pull while busy cores < " + cpuThreshold + " x cores (CPU meter, corrected for its lag)"
                + (slotsPerCore > 0 ? " and running tasks < " + slotsPerCore + " x cores" : "")
                + ", at most " + maxTasks + " tasks"
                + (fillInMaxMs > 0 ? ", jobs <= " + fillInMaxMs + " ms also when busy" : "")
                + (starvationMs > 0 ? ", heads waiting >= " + starvationMs + " ms first" : "")
                + (projectedMs > 0 ? ", heads whose wait + " + RUN_SPREAD + " x estimate >= " + projectedMs + " ms first" : "")
                + ", else the cheapest class"
                + (deferMs > 0 ? ", slower nodes leave heads younger than " + deferMs + " ms to faster ones, and late long heads too" : "")
                + (batchReserve > 0 ? ", batch work (a queue head not yet due) only below " + (cpuThreshold - batchReserve) + " x cores" : "")
                + ", re-check every " + idleWaitMs + " ms";
    }
}
