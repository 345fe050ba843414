package io.costq.model.sim;

/** Exact percentiles of sorted samples, by nearest rank — the simulator's and the live replay's one definition. */
public final class Percentiles {
    private Percentiles() {}

    /** The q-quantile (0 &lt; q &lt;= 1) of ascending values by nearest rank; 0 when empty. */
    public static double nearestRank(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
