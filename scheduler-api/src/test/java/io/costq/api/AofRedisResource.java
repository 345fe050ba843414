package io.costq.api;

import io.costq.core.testing.RedisServerProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/** A redis-server of this test's own, durable as ./costq up runs it (AOF, fsync on every write), to kill -9. */
public class AofRedisResource implements QuarkusTestResourceLifecycleManager {
    static RedisServerProcess redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServerProcess.start(List.of("--appendonly", "yes", "--appendfsync", "always", "--save", ""));
        return Map.of("costq.redis.url", redis.url(), "costq.key-prefix", "durable");
    }

    @Override
    public void stop() {
        if (redis != null) redis.close();
    }
}
