package io.costq.model.sim;

import java.util.Arrays;

/**
 * What {@link TraceGenerator} draws. Either {@code jobs} jobs at a constant {@code load}, or the whole of a
 * {@code profile} (then {@code jobs} &gt; 0 caps the count).
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
 * @param nodes       nodes the load is relative to
 * @param cores       cores per node
 * @param speeds      relative node speeds (length = nodes)
 * @param seed        master seed of the random streams
 */
public record TraceSpec(int users, double zipfS, double minCostMs, double maxCostMs, double alpha, double noiseSigma,
                        long jobs, double load, LoadProfile profile, int nodes, int cores, double[] speeds, long seed) {
    public TraceSpec {
        speeds = speeds.clone();
        if (users < 1) throw new IllegalArgumentException("users must be >= 1");
        if (!(minCostMs >= 1 && maxCostMs > minCostMs)) throw new IllegalArgumentException("need 1 <= min cost < max cost");
        if (!(alpha > 0)) throw new IllegalArgumentException("alpha must be > 0");
        if (!(noiseSigma >= 0)) throw new IllegalArgumentException("noise sigma must be >= 0");
        if (profile == null && jobs < 1) throw new IllegalArgumentException("give --jobs N or --profile");
        if (profile == null && !(load > 0)) throw new IllegalArgumentException("load must be > 0");
        if (nodes < 1 || cores < 1 || speeds.length != nodes) throw new IllegalArgumentException("bad nodes/cores/speeds");
    }

    public static TraceSpec defaults(long jobs, double load) {
        return new TraceSpec(20_000, 1.0, 1_000, 15_000, 1.1, 0.25, jobs, load, null, 5, 8, ones(5), 1);
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

    public String describe() {
        return users + " users (Zipf s=" + zipfS + "), mean cost bounded Pareto [" + minCostMs + ", " + maxCostMs
                + "] alpha=" + alpha + ", lognormal noise sigma=" + noiseSigma + ", "
                + (profile == null ? jobs + " jobs at load " + load : "profile " + profile + (jobs > 0 ? " (max " + jobs + " jobs)" : ""))
                + ", " + nodes + " nodes x " + cores + " cores, speeds " + Arrays.toString(speeds) + ", seed " + seed;
    }
}
