package io.costq.model;

import java.util.List;

/**
 * Validated settings of {@link CostClassifier}.
 *
 * @param classes    number of cost classes K (2..16)
 * @param mode       fixed bounds, or adaptive bounds from quantiles of recent estimates
 * @param fixedUpper the K-1 fixed upper bounds in ms, strictly increasing; also the adaptive fallback
 * @param minSamples adaptive mode uses the fixed bounds until this many recent estimates exist
 */
public record ClassifierSettings(int classes, Mode mode, List<Long> fixedUpper, int minSamples) {
    public enum Mode { FIXED, ADAPTIVE }

    public static final ClassifierSettings SEED = new ClassifierSettings(4, Mode.FIXED, List.of(2_000L, 5_000L, 10_000L), 100);

    public ClassifierSettings {
        fixedUpper = List.copyOf(fixedUpper);
        if (classes < 2 || classes > 16) throw new IllegalArgumentException("classes must be in 2..16, was " + classes);
        if (mode == null) throw new IllegalArgumentException("class mode must be set");
        if (fixedUpper.size() != classes - 1) {
            throw new IllegalArgumentException("bounds must list classes - 1 = " + (classes - 1) + " values, was " + fixedUpper.size());
        }
        ClassBounds.of(fixedUpper); // validates order and sign
        if (minSamples < 1) throw new IllegalArgumentException("minSamples must be >= 1");
    }

    public String describe() {
        return classes + " classes, " + (mode == Mode.FIXED ? "fixed bounds " + fixedUpper
                : "adaptive bounds (quantiles of recent estimates, fixed " + fixedUpper + " until " + minSamples + " samples)");
    }
}
