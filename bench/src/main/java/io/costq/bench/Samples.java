package io.costq.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles in milliseconds (nearest rank). */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    synchronized double percentileMs(double p) {
        if (size == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    void report(Results r, String prefix, double... percentiles) {
        for (double p : percentiles) {
            String name = p == 50 ? "p50" : p == 95 ? "p95" : p == 99 ? "p99" : "p" + p;
            r.put(prefix + name + "_ms", Results.round(percentileMs(p), 3));
        }
    }
}
