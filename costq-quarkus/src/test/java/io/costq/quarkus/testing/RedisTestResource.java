package io.costq.quarkus.testing;

import io.costq.core.CostqSettings;
import io.costq.core.testing.TestRedis;
import io.costq.core.types.JobTypes;
import io.costq.core.worker.WorkerEngine;
import io.costq.core.worker.WorkerListener;
import io.costq.core.worker.WorkerSettings;
import io.costq.model.Clock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the test run's own redis-server (never the machine's 6379) under a fresh key
 * prefix. Tests read the prefix from {@link #prefix()} to drive the same keys from plain Java.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile String prefix;
    private final Map<String, String> extra = new HashMap<>();

    public static String prefix() {
        return prefix;
    }

    /**
     * A started worker engine in the test's JVM, on the test's Redis: 4 cores, CPU read as 10 % (the build shares the
     * machine), heartbeat every 100 ms. Close it when the test class is done.
     */
    public static WorkerEngine startWorker(String nodeId, int maxTasks, CostqSettings settings) {
        WorkerEngine w = new WorkerEngine(TestRedis.client(), settings, new WorkerSettings(nodeId, maxTasks, 4, 100, 1_000, "", 1_000),
                JobTypes.builtIns(), () -> 0.1, Clock.SYSTEM, WorkerListener.NONE);
        w.start();
        return w;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        extra.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        prefix = TestRedis.freshPrefix();
        Map<String, String> config = new HashMap<>(extra);
        config.put("costq.redis.url", TestRedis.server().url());
        config.put("costq.key-prefix", prefix);
        return config;
    }

    @Override
    public void stop() {
        // the server belongs to the whole test JVM and stops with it
    }
}
