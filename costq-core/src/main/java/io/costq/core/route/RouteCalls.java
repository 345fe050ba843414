package io.costq.core.route;

import io.costq.core.ClusterSettings;
import io.costq.core.redis.LuaScript;
import java.util.List;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisTimeoutException;

/**
 * Runs the decision server's scripts. A write, with {@code costq.redis.wait-replicas} = N > 0, goes in a pipeline
 * ending with Redis WAIT and is answered only when N replicas have it, so an acknowledged session survives the
 * loss of its primary (the same rule as submits).
 */
final class RouteCalls {
    private final RedissonClient redis;
    private final ClusterSettings cluster;

    RouteCalls(RedissonClient redis, ClusterSettings cluster) {
        this.redis = redis;
        this.cluster = cluster;
    }

    /** A session or server written to fewer replicas than required in time: not acknowledged (answered 503). */
    public static final class NotReplicatedException extends RedisTimeoutException {
        NotReplicatedException(String script, int replicated, int required, long timeoutMs) {
            super(script + " reached " + replicated + " of " + required + " replicas within " + timeoutMs + " ms");
        }
    }

    List<Object> read(LuaScript script, List<Object> keys, Object... args) {
        return script.call(redis, RScript.ReturnType.LIST, keys, args);
    }

    List<Object> write(LuaScript script, List<Object> keys, Object... args) {
        if (cluster.waitReplicas() == 0) return read(script, keys, args);
        for (int attempt = 1; ; attempt++) {
            RBatch batch = redis.createBatch(cluster.submitBatchOptions());
            RFuture<List<Object>> reply = script.callAsync(batch, RScript.ReturnType.LIST, keys, args);
            try {
                BatchResult<?> result = batch.execute();
                if (result.getSyncedSlaves() < cluster.waitReplicas()) {
                    throw new NotReplicatedException(script.name(), result.getSyncedSlaves(), cluster.waitReplicas(), cluster.waitTimeoutMs());
                }
                return reply.toCompletableFuture().join();
            } catch (RuntimeException e) {
                if (attempt > 1 || !LuaScript.isNoScript(e)) throw e;
                script.ensureLoaded(redis, (String) keys.get(0)); // a new primary (failover) without the script: once
            }
        }
    }
}
