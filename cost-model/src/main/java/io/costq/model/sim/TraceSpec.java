package io.costq.model.sim;

import java.util.Arrays;

/**
 * What {@link TraceGenerator} draws. Either {@code jobs} jobs at a constant {@code load}, or the whole of a
 * {@code profile} (then {@code jobs} &gt; 0 caps the count). Start from {@link #defaults} and change what differs
 * with the {@code with...} methods.
 *
 * @param users       how many users (Zipf popularity over them)
 * @param zipfS       Zipf exponent of user popularity
 * @param minCostMs   lower bound of the bounded-Pareto per-user mean cost
 * @param maxCostMs   upper bound of it
 * @param alpha       Pareto shape
 * @param noiseSigma  sigma of the per-run lognormal noise (mean 1)
 * @param jobs        how many jobs (0 = as many as the profile lasts)
 * @param load        constant load when there is no profile
 * @param profile     load segments, or null
 * @param ioFrac      the share of each job's cost spent waiting on a downstream: the load counts the CPU part only,
 *                    load = arrival rate × mean cost × (1 − ioFrac) / (nodes × cores × mean speed) — "1.1 of the
 *                    fleet's CPU" whatever the downstream share (simulate with the same {@code --io-frac})
 * @param nodes       nodes the load is relative to
 * @param cores       cores per node
 * @param speeds      relative node speeds (length = nodes)
 * @param seed        master seed of the random streams
 */
public record TraceSpec(int users, double zipfS, double minCostMs, double maxCostMs, double alpha, double noiseSigma,
                        long jobs, double load, LoadProfile profile, double ioFrac, int nodes, int cores, double[] speeds,
                        long seed) {
    public TraceSpec {
        speeds = speeds.clone();
        if (users < 1) throw new IllegalArgumentException("users must be >= 1");
        if (!(minCostMs >= 1 && maxCostMs > minCostMs)) throw new IllegalArgumentException("need 1 <= min cost < max cost");
        if (!(alpha > 0)) throw new IllegalArgumentException("alpha must be > 0");
        if (!(noiseSigma >= 0)) throw new IllegalArgumentException("noise sigma must be >= 0");
        if (profile == null && jobs < 1) throw new IllegalArgumentException("give --jobs N or --profile");
        if (profile == null && !(load > 0)) throw new IllegalArgumentException("load must be > 0");
        if (!(ioFrac >= 0 && ioFrac < 1)) throw new IllegalArgumentException("io-frac must be in [0, 1)");
        if (nodes < 1 || cores < 1 || speeds.length != nodes) throw new IllegalArgumentException("bad nodes/cores/speeds");
    }

    /** The BT users (20,000, Zipf 1, mean costs 1-15 s, α 1.1, noise 0.25) on 5 × 8 speed-1 cores, seed 1. */
    public static TraceSpec defaults(long jobs, double load) {
        return new TraceSpec(20_000, 1.0, 1_000, 15_000, 1.1, 0.25, jobs, load, null, 0, 5, 8, ones(5), 1);
    }

    /** The same users and cluster, through a load profile (all of it). */
    public static TraceSpec ofProfile(LoadProfile profile) {
        return new TraceSpec(20_000, 1.0, 1_000, 15_000, 1.1, 0.25, 0, 1, profile, 0, 5, 8, ones(5), 1);
    }

    /** At most this many jobs of the profile (0 = all of it). */
    public TraceSpec withJobs(long n) {
        return new TraceSpec(users, zipfS, minCostMs, maxCostMs, alpha, noiseSigma, n, load, profile, ioFrac, nodes, cores, speeds, seed);
    }

    public TraceSpec withSeed(long s) {
        return new TraceSpec(users, zipfS, minCostMs, maxCostMs, alpha, noiseSigma, jobs, load, profile, ioFrac, nodes, cores, speeds, s);
    }

    public TraceSpec withCosts(double minMs, double maxMs) {
        return new TraceSpec(users, zipfS, minMs, maxMs, alpha, noiseSigma, jobs, load, profile, ioFrac, nodes, cores, speeds, seed);
    }

    public TraceSpec withIoFrac(double f) {
        return new TraceSpec(users, zipfS, minCostMs, maxCostMs, alpha, noiseSigma, jobs, load, profile, f, nodes, cores, speeds, seed);
    }

    public TraceSpec withCluster(int n, int c, double[] s) {
        return new TraceSpec(users, zipfS, minCostMs, maxCostMs, alpha, noiseSigma, jobs, load, profile, ioFrac, n, c, s, seed);
    }

    public TraceSpec withUsers(int u, double s, double sigma) {
        return new TraceSpec(u, s, minCostMs, maxCostMs, alpha, sigma, jobs, load, profile, ioFrac, nodes, cores, speeds, seed);
    }

    static double[] ones(int n) {
        double[] s = new double[n];
        Arrays.fill(s, 1.0);
        return s;
    }

    public double meanSpeed() {
        return Arrays.stream(speeds).average().orElse(1);
    }

    @Override
    public double[] speeds() {
        return speeds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceSpec t && t.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    public String describe() {
        return users + " users (Zipf s=" + zipfS + "), mean cost bounded Pareto [" + minCostMs + ", " + maxCostMs
                + "] alpha=" + alpha + ", lognormal noise sigma=" + noiseSigma + ", "
                + (profile == null ? jobs + " jobs at load " + load : "profile " + profile + (jobs > 0 ? " (max " + jobs + " jobs)" : ""))
                + (ioFrac > 0 ? " of the CPU (io-frac " + ioFrac + ")" : "")
                + ", " + nodes + " nodes x " + cores + " cores, speeds " + Arrays.toString(speeds) + ", seed " + seed;
    }
}
