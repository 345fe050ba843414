package io.costq.bench.jmh;

import io.costq.model.ClassBounds;
import io.costq.model.ClassQueue;
import io.costq.model.ClassifierSettings;
import io.costq.model.CostClassifier;
import io.costq.model.CostEstimator;
import io.costq.model.CostqPickPolicy;
import io.costq.model.EstimatorSettings;
import io.costq.model.NodeSnapshot;
import io.costq.model.PolicySettings;
import io.costq.model.QueueSnapshot;
import io.costq.model.RecentEstimates;
import io.costq.model.RunningTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure functions on every job's path, which must stay well under a microsecond: the weighted estimate (per
 * submit), the classification (per submit) and the pick decision (per claim, repeated while sizing a batch).
 * Run: {@code java -cp bench/target/costq-bench.jar org.openjdk.jmh.Main PureFunctions}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PureFunctionsBenchmark {
    private CostEstimator estimator;
    private List<Long> history;
    private ClassBounds bounds;
    private CostClassifier adaptive;
    private RecentEstimates recent;
    private CostqPickPolicy policy;
    private NodeSnapshot node;
    private QueueSnapshot queues;
    private long now;

    @Setup
    public void setUp() {
        estimator = new CostEstimator(EstimatorSettings.SEED);
        history = List.of(9_000L, 8_500L, 7_000L, 9_200L, 6_100L, 1_000L, 1_200L, 900L, 1_100L, 1_000L);
        bounds = new CostClassifier(ClassifierSettings.SEED).fixedBounds();
        adaptive = new CostClassifier(new ClassifierSettings(4, ClassifierSettings.Mode.ADAPTIVE, List.of(2_000L, 5_000L, 10_000L), 100));
        List<Long> sample = new ArrayList<>();
        for (long i = 0; i < 1_000; i++) sample.add(500 + (i * 7_919) % 15_000);
        recent = RecentEstimates.of(sample);
        policy = new CostqPickPolicy(PolicySettings.DEFAULT);
        List<RunningTask> running = new ArrayList<>();
        for (int i = 0; i < 10; i++) running.add(new RunningTask(1_000L * (i + 1), 300L * i));
        node = new NodeSnapshot(0.7, 8, 64, running);
        now = 1_700_000_000_000L;
        queues = new QueueSnapshot(List.of(new ClassQueue(0, 40, now - 900, 1_200), new ClassQueue(1, 12, now - 2_500, 3_000),
                new ClassQueue(2, 3, now - 6_000, 7_500), new ClassQueue(3, 1, now - 20_000, 14_000)));
    }

    @Benchmark
    public long estimate() {
        return estimator.estimate("report", history, recent).ms();
    }

    @Benchmark
    public int classify() {
        return bounds.classify(6_818);
    }

    @Benchmark
    public Object pick() {
        return policy.pick(node, queues, now);
    }

    /** Adaptive bounds are recomputed on a schedule (every few seconds), not per job: shown for scale. */
    @Benchmark
    public ClassBounds adaptiveBoundsRefresh() {
        return adaptive.bounds(recent);
    }
}
