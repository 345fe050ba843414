package io.costq.model;

/**
 * Maps an estimate to one of K cost classes. Fixed mode uses the configured bounds; adaptive mode puts the bounds
 * at the 1/K, 2/K, ... quantiles of recent estimates, so each class receives about the same share of jobs.
 */
public final class CostClassifier {
    private final ClassifierSettings settings;

    public CostClassifier(ClassifierSettings settings) {
        this.settings = settings;
    }

    public ClassifierSettings settings() {
        return settings;
    }

    public ClassBounds fixedBounds() {
        return ClassBounds.of(settings.fixedUpper());
    }

    /** The bounds in force given the recent estimates (refresh them on a schedule, not per job). */
    public ClassBounds bounds(RecentEstimates recent) {
        if (settings.mode() == ClassifierSettings.Mode.FIXED || recent == null || recent.size() < settings.minSamples()) {
            return fixedBounds();
        }
        int k = settings.classes();
        long[] upper = new long[k - 1];
        long previous = 0;
        for (int i = 1; i < k; i++) {
            long q = Math.max(recent.quantile((double) i / k), previous + 1); // strictly increasing even when tied
            upper[i - 1] = q;
            previous = q;
        }
        return new ClassBounds(upper);
    }
}
