package io.costq.model;

import java.util.Arrays;
import java.util.List;

/**
 * The upper bounds (ms, exclusive) of cost classes 0..K-2; class K-1 takes everything above the last bound.
 * Class 0 is the cheapest.
 */
public record ClassBounds(long[] upperMs) {

    public ClassBounds {
        upperMs = upperMs.clone();
        for (int i = 0; i < upperMs.length; i++) {
            if (upperMs[i] <= 0) throw new IllegalArgumentException("class bounds must be > 0 ms");
            if (i > 0 && upperMs[i] <= upperMs[i - 1]) {
                throw new IllegalArgumentException("class bounds must be strictly increasing: " + Arrays.toString(upperMs));
            }
        }
    }

    public static ClassBounds of(List<Long> upperMs) {
        return new ClassBounds(upperMs.stream().mapToLong(Long::longValue).toArray());
    }

    public int classes() {
        return upperMs.length + 1;
    }

    /** The class of an estimate: the first class whose upper bound is above it. */
    public int classify(long estimateMs) {
        for (int k = 0; k < upperMs.length; k++) {
            if (estimateMs < upperMs[k]) return k;
        }
        return upperMs.length;
    }

    /** The upper bound of class k in ms, or {@code Long.MAX_VALUE} for the last class. */
    public long upperBoundMs(int k) {
        return k < upperMs.length ? upperMs[k] : Long.MAX_VALUE;
    }

    @Override
    public long[] upperMs() {
        return upperMs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassBounds b && Arrays.equals(upperMs, b.upperMs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(upperMs);
    }

    @Override
    public String toString() {
        return "ClassBounds" + Arrays.toString(upperMs);
    }
}
