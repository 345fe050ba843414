package io.costq.model;

import java.util.List;
import java.util.Map;

/**
 * Validated settings of {@link CostEstimator}.
 *
 * @param window          how many of a user's newest runs are averaged (1..1000)
 * @param scheme          the weighting of those runs
 * @param decay           the factor of {@link WeightScheme#EXPONENTIAL} (0 &lt; decay &lt;= 1)
 * @param explicitWeights the weights of {@link WeightScheme#EXPLICIT}, newest first, all &gt;= 0 with a positive sum
 * @param defaultPriorMs  the estimate for a user without history when neither a type prior nor recent estimates exist
 * @param typePriorsMs    per job type, the estimate for a user without history
 */
public record EstimatorSettings(int window, WeightScheme scheme, double decay, List<Double> explicitWeights,
                                long defaultPriorMs, Map<String, Long> typePriorsMs) {

    public static final EstimatorSettings SEED = new EstimatorSettings(10, WeightScheme.LINEAR, 0.8, List.of(),
            2_000, Map.of());

    public EstimatorSettings {
        explicitWeights = List.copyOf(explicitWeights == null ? List.of() : explicitWeights);
        typePriorsMs = Map.copyOf(typePriorsMs == null ? Map.of() : typePriorsMs);
        if (scheme == null) throw new IllegalArgumentException("weighting scheme must be set");
        if (scheme == WeightScheme.EXPLICIT) {
            if (explicitWeights.isEmpty()) throw new IllegalArgumentException("explicit weights must not be empty");
            double sum = 0;
            for (double w : explicitWeights) {
                if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("explicit weights must be finite and >= 0");
                sum += w;
            }
            if (sum <= 0) throw new IllegalArgumentException("explicit weights must have a positive sum");
            window = explicitWeights.size();
        }
        if (window < 1 || window > 1000) throw new IllegalArgumentException("window must be in 1..1000, was " + window);
        if (!(decay > 0 && decay <= 1)) throw new IllegalArgumentException("decay must be in (0, 1], was " + decay);
        if (defaultPriorMs < 0) throw new IllegalArgumentException("default prior must be >= 0 ms");
        typePriorsMs.forEach((type, ms) -> {
            if (ms == null || ms < 0) throw new IllegalArgumentException("prior of type " + type + " must be >= 0 ms");
        });
    }

    /** The weight of the i-th newest run (i = 0 is the newest), for i below {@link #window()}. */
    public double weight(int i) {
        return switch (scheme) {
            case LINEAR -> window - i;
            case EXPONENTIAL -> Math.pow(decay, i);
            case EXPLICIT -> explicitWeights.get(i);
        };
    }

    public String describe() {
        String weights = switch (scheme) {
            case LINEAR -> "linear " + window + ".." + 1;
            case EXPONENTIAL -> "exponential decay " + decay;
            case EXPLICIT -> "explicit " + explicitWeights;
        };
        return "estimate = weighted mean of the last " + window + " runs (" + weights + "), cold start: type priors "
                + typePriorsMs + ", else median of recent estimates, else " + defaultPriorMs + " ms";
    }
}
