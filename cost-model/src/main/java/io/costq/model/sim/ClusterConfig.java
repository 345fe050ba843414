package io.costq.model.sim;

import java.util.Arrays;

/**
 * The simulated hardware.
 *
 * @param nodes          how many nodes
 * @param cores          cores per node
 * @param speeds         relative speed of each node (1 = the speed at which a job's trace cost was measured)
 * @param thrash         K: with n CPU-phase tasks on C cores and n &gt; C, each runs at s·(C/n)/(1 + K(n−C)/C)
 * @param ioFrac         F: a job of cost c runs CPU (1−F)c/2, waits F·c on a downstream, runs CPU (1−F)c/2
 * @param cpuSmoothingMs time constant of the CPU reading the pull policy sees (0 = instantaneous)
 * @param nodeMaxTasks   the node's hard cap on concurrent tasks a pull policy may use (its thread pool)
 * @param overheadMs     a job's end counts this long after its run ends: the product's per-job costs outside the run
 *                       (the claim's round trip, the handler thread's start, the completion write), which hold no core;
 *                       0 (the scenarios') = claims and completions are instant. The live replay sets what it measured
 */
public record ClusterConfig(int nodes, int cores, double[] speeds, double thrash, double ioFrac, double cpuSmoothingMs,
                            int nodeMaxTasks, double overheadMs) {
    public ClusterConfig {
        speeds = speeds.clone();
        if (nodes < 1 || cores < 1) throw new IllegalArgumentException("need >= 1 node and core");
        if (speeds.length != nodes) throw new IllegalArgumentException("speeds must list one value per node");
        for (double s : speeds) if (!(s > 0)) throw new IllegalArgumentException("speeds must be > 0");
        if (!(thrash >= 0)) throw new IllegalArgumentException("thrash must be >= 0");
        if (!(ioFrac >= 0 && ioFrac < 1)) throw new IllegalArgumentException("io-frac must be in [0, 1)");
        if (!(cpuSmoothingMs >= 0)) throw new IllegalArgumentException("cpu smoothing must be >= 0");
        if (nodeMaxTasks < 1) throw new IllegalArgumentException("node max tasks must be >= 1");
        if (!(overheadMs >= 0)) throw new IllegalArgumentException("overhead must be >= 0 ms");
    }

    /** Claims and completions take no time (every scenario's model). */
    public ClusterConfig(int nodes, int cores, double[] speeds, double thrash, double ioFrac, double cpuSmoothingMs,
                         int nodeMaxTasks) {
        this(nodes, cores, speeds, thrash, ioFrac, cpuSmoothingMs, nodeMaxTasks, 0);
    }

    /** The same cluster with a per-job overhead of {@code ms}. */
    public ClusterConfig withOverheadMs(double ms) {
        return new ClusterConfig(nodes, cores, speeds, thrash, ioFrac, cpuSmoothingMs, nodeMaxTasks, ms);
    }

    public static ClusterConfig plain(int nodes, int cores) {
        return new ClusterConfig(nodes, cores, TraceSpec.ones(nodes), 0, 0, 0, 256);
    }

    @Override
    public double[] speeds() {
        return speeds.clone();
    }

    double speed(int node) {
        return speeds[node];
    }

    public String describe() {
        return nodes + " nodes x " + cores + " cores, speeds " + Arrays.toString(speeds) + ", thrash " + thrash
                + ", io-frac " + ioFrac + (cpuSmoothingMs > 0 ? ", cpu smoothed over " + cpuSmoothingMs + " ms" : "")
                + (overheadMs > 0 ? ", per-job overhead " + overheadMs + " ms" : "");
    }
}
