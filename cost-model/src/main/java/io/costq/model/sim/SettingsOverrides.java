package io.costq.model.sim;

import io.costq.model.ClassifierSettings;
import io.costq.model.EstimatorSettings;
import io.costq.model.PolicySettings;
import io.costq.model.WeightScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --set key=value} overrides of the production settings records, e.g. {@code policy.cpuThreshold=0.95},
 * {@code classes.bounds=2000,5000,10000}, {@code estimator.window=10}. Unknown keys are an error.
 */
public final class SettingsOverrides {
    static final Set<String> KEYS = Set.of("policy.cpuThreshold", "policy.maxTasks", "policy.fillInMaxMs",
            "policy.idleWaitMs", "policy.slotsPerCore", "policy.starvationMs", "policy.deferMs",
            "policy.projectedMs", "policy.batchReserve", "fifo.cpuThreshold",
            "simple.agingMs", "simple.threadsPerCore", "lanes.batchOffsetMs",
            "estimator.window", "estimator.scheme", "estimator.decay", "estimator.defaultPriorMs",
            "classes.bounds", "classes.mode", "classes.minSamples");

    private final Map<String, String> values;

    private SettingsOverrides(Map<String, String> values) {
        this.values = values;
    }

    public static SettingsOverrides none() {
        return new SettingsOverrides(Map.of());
    }

    public static SettingsOverrides parse(List<String> assignments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--set needs key=value, was " + a);
            String key = a.substring(0, eq).trim();
            if (!KEYS.contains(key)) throw new IllegalArgumentException("unknown setting " + key + "; known: " + KEYS);
            values.put(key, a.substring(eq + 1).trim());
        }
        return new SettingsOverrides(values);
    }

    private double d(String key, double fallback) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
    }

    private long l(String key, long fallback) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
    }

    public PolicySettings policy(PolicySettings base) {
        return new PolicySettings(d("policy.cpuThreshold", base.cpuThreshold()), (int) l("policy.maxTasks", base.maxTasks()),
                l("policy.fillInMaxMs", base.fillInMaxMs()), l("policy.idleWaitMs", base.idleWaitMs()),
                d("policy.slotsPerCore", base.slotsPerCore()), l("policy.starvationMs", base.starvationMs()),
                l("policy.deferMs", base.deferMs()), l("policy.projectedMs", base.projectedMs()),
                d("policy.batchReserve", base.batchReserve()));
    }

    /** The batch lane's queue-score offset (default 1 h: see docs/scheduling.md, "Lanes"), for every pull policy's queues. */
    public long batchOffsetMs() {
        return l("lanes.batchOffsetMs", 3_600_000);
    }

    public double fifoCpuThreshold() {
        return d("fifo.cpuThreshold", 0.80);
    }

    /** The simple rule's aging guard (default 30 s). */
    public long simpleAgingMs() {
        return l("simple.agingMs", 30_000);
    }

    /** The simple rule's thread cap per core (default 2). */
    public double simpleThreadsPerCore() {
        return d("simple.threadsPerCore", 2.0);
    }

    public EstimatorSettings estimator(EstimatorSettings base) {
        WeightScheme scheme = values.containsKey("estimator.scheme")
                ? WeightScheme.valueOf(values.get("estimator.scheme").toUpperCase(Locale.ROOT)) : base.scheme();
        return new EstimatorSettings((int) l("estimator.window", base.window()), scheme, d("estimator.decay", base.decay()),
                base.explicitWeights(), l("estimator.defaultPriorMs", base.defaultPriorMs()), base.typePriorsMs());
    }

    public ClassifierSettings classifier(ClassifierSettings base) {
        List<Long> bounds = base.fixedUpper();
        if (values.containsKey("classes.bounds")) {
            bounds = new ArrayList<>();
            for (String b : values.get("classes.bounds").split(",")) bounds.add(Long.parseLong(b.trim()));
        }
        ClassifierSettings.Mode mode = values.containsKey("classes.mode")
                ? ClassifierSettings.Mode.valueOf(values.get("classes.mode").toUpperCase(Locale.ROOT)) : base.mode();
        return new ClassifierSettings(bounds.size() + 1, mode, bounds, (int) l("classes.minSamples", base.minSamples()));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
