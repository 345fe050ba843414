package io.costq.quarkus.testing;

import io.costq.core.testing.TestRedis;
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
