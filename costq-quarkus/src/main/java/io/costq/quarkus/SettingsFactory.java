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
                c.policy().starvationMs(), c.policy().deferMs(), c.policy().projectedMs(), PolicySettings.DEFAULT.batchReserve()));
        var jobs = check("costq.jobs", () -> new CostqSettings.JobLimits(c.jobs().payloadMaxBytes(), c.jobs().maxAttempts(),
                c.jobs().timeoutMs(), c.jobs().retentionMs(), c.jobs().idempotencyWindowMs(), c.jobs().recentEstimatesCap()));
        var lease = check("costq.lease", () -> new CostqSettings.LeaseSettings(c.lease().leaseMs(),
                c.lease().renewEveryMs(), c.lease().reapEveryMs()));
        var retry = check("costq.retry", () -> new CostqSettings.RetrySettings(c.retry().baseMs(), c.retry().maxMs()));
        var delivery = check("costq.delivery", () -> {
            java.util.Map<String, io.costq.core.DeliverySettings.Channel> channels = new java.util.HashMap<>();
            var paused = new java.util.TreeSet<>(c.delivery().pausedChannels().orElse(java.util.List.of()));
            for (String name : paused) {
                if (!c.delivery().channels().containsKey(name)) throw new IllegalArgumentException("paused channel '" + name
                        + "' is not a declared channel " + new java.util.TreeSet<>(c.delivery().channels().keySet()));
            }
            c.delivery().channels().forEach((name, ch) -> channels.put(name,
                    new io.costq.core.DeliverySettings.Channel(name, ch.maxConcurrency(), ch.ratePerSecond(), paused.contains(name))));
            return new io.costq.core.DeliverySettings(c.delivery().ackTimeoutMs(), channels);
        });
        var cluster = check("costq.partitions / costq.redis.wait-replicas", () -> new io.costq.core.ClusterSettings(
                c.partitions(), c.redis().waitReplicas(), c.redis().waitTimeoutMs()));
        var lanes = check("costq.lanes / costq.default-lane", () -> {
            java.util.Map<String, Long> offsets = new java.util.HashMap<>(io.costq.core.LaneSettings.DEFAULT.offsetsMs());
            c.lanes().forEach((name, lane) -> offsets.put(name, lane.offsetMs()));
            return new io.costq.core.LaneSettings(offsets, c.defaultLane());
        });
        return check("costq", () -> new CostqSettings(c.keyPrefix(), estimator, classes, policy, jobs, lease, retry, delivery,
                cluster, lanes));
    }

    /** The http type's downstreams: as configured; unset, loopback in the loopback dev mode (keys off), else none. */
    public static io.costq.core.types.HostAllowList httpHosts(CostqConfig c) {
        return check("costq.http.allowed-hosts", () -> c.http().allowedHosts().map(io.costq.core.types.HostAllowList::new)
                .orElse(c.auth().enabled() ? io.costq.core.types.HostAllowList.NONE : io.costq.core.types.HostAllowList.LOOPBACK));
    }

    /** Where Redis is: single server, cluster or sentinel. */
    public static io.costq.core.RedisOptions redis(CostqConfig c) {
        var r = c.redis();
        return check("costq.redis", () -> new io.costq.core.RedisOptions(io.costq.core.RedisOptions.mode(r.mode()), r.url(),
                r.nodes().orElse(java.util.List.of()), r.masterName().orElse(null), r.password().orElse(null), r.poolSize()));
    }

    public static WorkerSettings worker(CostqConfig c) {
        var w = c.worker();
        return check("costq.worker", () -> new WorkerSettings(w.nodeId().orElseGet(SettingsFactory::defaultNodeId),
                w.maxTasks(), w.cores().orElse(Runtime.getRuntime().availableProcessors()), w.heartbeatMs(),
                w.nodeTtlMs(), w.uri().orElse(""), w.graceMs(), w.claimBatch()));
    }

    /**
     * This process's configuration with the operator's live overrides on top (highest priority), converted by the
     * same mapping as at start-up; {@link #settings(CostqConfig)} then validates it exactly as at start-up.
     * A value of the wrong type fails here, naming its property.
     */
    public static CostqConfig withOverrides(java.util.Map<String, String> overrides) {
        var current = org.eclipse.microprofile.config.ConfigProvider.getConfig().unwrap(io.smallrye.config.SmallRyeConfig.class);
        var builder = new io.smallrye.config.SmallRyeConfigBuilder().withProfiles(current.getProfiles())
                .addDefaultInterceptors().withValidateUnknown(false).withMapping(CostqConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(overrides, "costq live overrides", Integer.MAX_VALUE));
        for (var source : current.getConfigSources()) builder.withSources(source);
        return builder.build().getConfigMapping(CostqConfig.class);
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
