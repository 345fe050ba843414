package io.costq.quarkus;

import io.costq.core.CostqSettings;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.ClassifierSettings;
import io.costq.model.EstimatorSettings;
import io.costq.model.PolicySettings;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/** Converts the config at the edge into validated core settings; a bad value fails naming its property. */
public final class SettingsFactory {
    private SettingsFactory() {
    }

    public static CostqSettings settings(CostqConfig c) {
        EstimatorSettings estimator = check("costq.estimator", () -> new EstimatorSettings(c.estimator().window(),
                c.estimator().scheme(), c.estimator().decay(), c.estimator().weights().orElse(java.util.List.of()),
                c.estimator().defaultPriorMs(), c.estimator().typePriors()));
        ClassifierSettings classes = check("costq.classes", () -> new ClassifierSettings(c.classes().count(),
                c.classes().mode(), c.classes().boundsMs(), c.classes().minSamples()));
        PolicySettings policy = check("costq.policy", () -> new PolicySettings(c.policy().cpuThreshold(),
                c.policy().maxTasks(), c.policy().fillInMaxMs(), c.policy().idleWaitMs(), c.policy().slotsPerCore(),
                c.policy().starvationMs()));
        var jobs = check("costq.jobs", () -> new CostqSettings.JobLimits(c.jobs().payloadMaxBytes(), c.jobs().maxAttempts(),
                c.jobs().timeoutMs(), c.jobs().retentionMs(), c.jobs().idempotencyWindowMs(), c.jobs().recentEstimatesCap()));
        var lease = check("costq.lease", () -> new CostqSettings.LeaseSettings(c.lease().leaseMs(),
                c.lease().renewEveryMs(), c.lease().reapEveryMs()));
        var retry = check("costq.retry", () -> new CostqSettings.RetrySettings(c.retry().baseMs(), c.retry().maxMs()));
        return check("costq", () -> new CostqSettings(c.keyPrefix(), estimator, classes, policy, jobs, lease, retry));
    }

    public static WorkerSettings worker(CostqConfig c) {
        var w = c.worker();
        return check("costq.worker", () -> new WorkerSettings(w.nodeId().orElseGet(SettingsFactory::defaultNodeId),
                w.maxTasks(), w.cores().orElse(Runtime.getRuntime().availableProcessors()), w.heartbeatMs(),
                w.nodeTtlMs(), w.uri().orElse(""), w.graceMs(), w.claimBatch()));
    }

    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static <T> T check(String prefix, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration under " + prefix + ": " + e.getMessage(), e);
        }
    }
}
