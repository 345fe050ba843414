package io.costq.model;

import java.util.Arrays;
import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * An immutable sample of recent estimates (ms), for the cold-start median and the adaptive class bounds.
 * The services refresh it on a schedule from Redis; the simulator keeps its own.
 */
public final class RecentEstimates {
    public static final RecentEstimates EMPTY = new RecentEstimates(new double[0]);

    private final double[] sorted;
    /** Worked out once: every submit of a user without history asks for it (Percentile copies the whole sample). */
    private final long median;

    private RecentEstimates(double[] sorted) {
        this.sorted = sorted;
        this.median = quantile(0.5);
    }

    public static RecentEstimates of(Collection<Long> estimatesMs) {
        double[] values = estimatesMs.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        return new RecentEstimates(values);
    }

    public int size() {
        return sorted.length;
    }

    public long median() {
        return median;
    }

    /** The q-quantile (0 &lt; q &lt;= 1) by commons-math3's default (R-6 style) estimator; 0 when empty. */
    public long quantile(double q) {
        if (sorted.length == 0) return 0;
        Percentile p = new Percentile();
        p.setData(sorted);
        return Math.round(p.evaluate(q * 100));
    }

    @Override
    public String toString() {
        return "RecentEstimates" + Arrays.toString(sorted);
    }
}
