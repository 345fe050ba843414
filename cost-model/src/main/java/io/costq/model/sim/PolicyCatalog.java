package io.costq.model.sim;

import io.costq.model.ClassifierSettings;
import io.costq.model.CostClassifier;
import io.costq.model.CostEstimator;
import io.costq.model.CostqPickPolicy;
import io.costq.model.EstimatorSettings;
import io.costq.model.PolicySettings;
import java.util.List;

/**
 * The policies the simulator compares, by name:
 * <ul>
 *   <li>{@code costq}: the product, {@link CostqPickPolicy} with {@link PolicySettings#DEFAULT}, cost classes from
 *       the production {@link CostEstimator} and {@link CostClassifier};</li>
 *   <li>{@code costq-true}: the same policy fed true costs as estimates (classed by the fixed bounds): what the
 *       estimates' errors cost;</li>
 *   <li>{@code costq-seed}: the same with {@link PolicySettings#SEED} (the BT case's literal rule);</li>
 *   <li>{@code rr-push}, {@code lc-push}: a balancer pushing at arrival, round robin / least connections;</li>
 *   <li>{@code fifo-pull}: one FIFO queue, pull while CPU &lt; 0.8 ({@code fifo.cpuThreshold});</li>
 *   <li>{@code simple-rule}: the simple pull rule, a strong reference: strict class priority, 30 s aging,
 *       an idle-core gate with a thread cap of 2 × cores, the fastest eligible node first
 *       ({@code simple.agingMs}, {@code simple.threadsPerCore});</li>
 *   <li>{@code oracle}: clairvoyant non-preemptive shortest-job-first, never more tasks than cores;</li>
 *   <li>{@code oracle-cpu}: the yardstick: clairvoyant shortest-job-first that pulls whenever a node has an idle
 *       core, counting only tasks in a CPU phase (a task blocked on a downstream holds a thread, not a core),
 *       fastest idle node first. It starves long jobs; it is no bound (see {@link SimResult#lowerBoundMs});</li>
 *   <li>{@code oracle-line}: the same, made to keep costq's lines ({@code policy.starvationMs},
 *       {@code policy.projectedMs}) over every queued job ({@link LineSjfQueue}): costq's rule with perfect
 *       knowledge.</li>
 * </ul>
 */
public final class PolicyCatalog {
    public static final List<String> ALL = List.of("costq", "costq-true", "costq-seed", "simple-rule", "fifo-pull", "rr-push",
            "lc-push", "oracle", "oracle-cpu", "oracle-line");

    private PolicyCatalog() {}

    static Dispatcher create(String name, SettingsOverrides overrides) {
        return switch (name) {
            case "costq" -> costq(overrides.policy(PolicySettings.DEFAULT), overrides);
            case "costq-seed" -> costq(overrides.policy(PolicySettings.SEED), overrides);
            case "costq-true" -> {
                ClassifierSettings classes = overrides.classifier(ClassifierSettings.SEED);
                yield new PullDispatcher(new CostqPickPolicy(overrides.policy(PolicySettings.DEFAULT)),
                        JobTagger.trueCosts(new CostClassifier(classes).fixedBounds()), new FifoClassQueues(classes.classes(), overrides.batchOffsetMs()));
            }
            case "rr-push" -> new PushDispatcher(PushDispatcher.Rule.ROUND_ROBIN);
            case "lc-push" -> new PushDispatcher(PushDispatcher.Rule.LEAST_CONNECTIONS);
            case "fifo-pull" -> new PullDispatcher(BaselinePolicies.cpuGate(overrides.fifoCpuThreshold()),
                    tagger(overrides, false), new FifoClassQueues(1, overrides.batchOffsetMs()));
            case "simple-rule" -> {
                HistoryTagger tagger = tagger(overrides, true);
                yield new PullDispatcher(BaselinePolicies.simpleRule(overrides.simpleAgingMs(), overrides.simpleThreadsPerCore()),
                        tagger, new FifoClassQueues(tagger.classes(), overrides.batchOffsetMs())).fastestFirst();
            }
            case "oracle" -> new PullDispatcher(BaselinePolicies.coreFree(), JobTagger.CLAIRVOYANT, new ShortestFirstQueue());
            case "oracle-cpu" -> new PullDispatcher(BaselinePolicies.idleCore(), JobTagger.CLAIRVOYANT, new ShortestFirstQueue())
                    .fastestFirst().clairvoyant();
            case "oracle-line" -> new PullDispatcher(BaselinePolicies.idleCore(), JobTagger.CLAIRVOYANT,
                    new LineSjfQueue(overrides.policy(PolicySettings.DEFAULT))).fastestFirst().clairvoyant();
            default -> throw new IllegalArgumentException("unknown policy " + name + "; known: " + ALL);
        };
    }

    private static Dispatcher costq(PolicySettings settings, SettingsOverrides overrides) {
        HistoryTagger tagger = tagger(overrides, true);
        return new PullDispatcher(new CostqPickPolicy(settings), tagger, new FifoClassQueues(tagger.classes(), overrides.batchOffsetMs()));
    }

    private static HistoryTagger tagger(SettingsOverrides overrides, boolean classify) {
        return new HistoryTagger(new CostEstimator(overrides.estimator(EstimatorSettings.SEED)),
                new CostClassifier(overrides.classifier(ClassifierSettings.SEED)), classify);
    }
}
