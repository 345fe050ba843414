package io.costq.bench.delivery;

import io.costq.core.CostqSettings;
import io.costq.core.DeliverySettings;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.costq.model.PolicySettings;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Settings under a fresh key prefix and the in-JVM worker engines of one part of the bench. */
final class Nodes implements AutoCloseable {
    private final List<WorkerEngine> engines = new ArrayList<>();
    private final RedissonClient redis;
    final CostqSettings settings;

    /**
     * Default settings (default lease, default policy) except: the policy's task cap is the workers' and its slot gate
     * is off, as in the main bench, so maxTasks is the only cap (with the gate, 2 cores would mean 3 tasks a node);
     * plus the given delivery settings (and idle wait, when > 0).
     */
    Nodes(RedissonClient redis, String part, int maxTasks, long idleWaitMs, DeliverySettings delivery) {
        this.redis = redis;
        CostqSettings d = CostqSettings.defaults("bench-" + part + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        PolicySettings p = d.policy();
        this.settings = d.withPolicy(new PolicySettings(p.cpuThreshold(), maxTasks, p.fillInMaxMs(),
                        idleWaitMs > 0 ? idleWaitMs : p.idleWaitMs(), 0, p.starvationMs()))
                .withDelivery(delivery);
    }

    /** Starts n worker engines with the CPU sampler fixed at 0, each running the built-in types plus {@code type}. */
    void start(int n, int maxTasks, JobType type) {
        for (int i = 0; i < n; i++) {
            var node = new WorkerSettings("bench-" + type.name() + "-w" + i, maxTasks, Runtime.getRuntime().availableProcessors(),
                    1_000, 3_000, "", 5_000);
            var w = new WorkerEngine(redis, settings, node, JobTypes.builtIns().register(type), () -> 0.0, Clock.SYSTEM,
                    WorkerListener.NONE);
            engines.add(w);
            w.start();
        }
    }

    boolean idle() {
        return engines.stream().allMatch(e -> e.runningCount() == 0);
    }

    int zcard(String key) {
        return redis.getScoredSortedSet(key, StringCodec.INSTANCE).size();
    }

    @Override
    public void close() {
        engines.forEach(WorkerEngine::close);
        engines.clear();
    }
}
