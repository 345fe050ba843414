package io.costq.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/** Latency samples in nanoseconds (HdrHistogram, 3 significant digits); percentiles in milliseconds. */
public final class Samples {
    private final Histogram histogram = new SynchronizedHistogram(3);

    public void add(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    public int size() {
        return (int) histogram.getTotalCount();
    }

    public double percentileMs(double p) {
        if (histogram.getTotalCount() == 0) return Double.NaN;
        return histogram.getValueAtPercentile(p) / 1e6;
    }

    void report(Results r, String prefix, double... percentiles) {
        for (double p : percentiles) {
            String name = p == 50 ? "p50" : p == 95 ? "p95" : p == 99 ? "p99" : "p" + p;
            r.put(prefix + name + "_ms", Results.round(percentileMs(p), 3));
        }
    }
}
