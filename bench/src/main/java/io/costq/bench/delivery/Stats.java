package io.costq.bench.delivery;

import java.util.Arrays;

/** Millisecond samples with nearest-rank percentiles. */
final class Stats {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** Nearest-rank percentile, or -1 when there are no samples. */
    long percentile(double p) {
        if (size == 0) return -1;
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    long max() {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) m = Math.max(m, values[i]);
        return size == 0 ? -1 : m;
    }

    long min() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) m = Math.min(m, values[i]);
        return size == 0 ? -1 : m;
    }

    double mean() {
        if (size == 0) return -1;
        double s = 0;
        for (int i = 0; i < size; i++) s += values[i];
        return s / size;
    }
}
