package io.costq.core.route;

import io.costq.core.ClusterSettings;
import io.costq.core.store.LuaScript;
import io.costq.core.store.Replicas;
import io.costq.core.store.ScriptCall;
import io.costq.core.store.ScriptExecutor;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * Runs the decision server's scripts through the store's {@link ScriptExecutor} (NOSCRIPT reload, WAIT for
 * replicas). A write, with {@code costq.redis.wait-replicas} = N > 0, is answered only when N replicas have it
 * (else {@link io.costq.core.store.NotReplicatedException}, answered 503), so an acknowledged session survives the
 * loss of its primary (the same rule as submits).
 */
final class RouteCalls {
    private final ScriptExecutor scripts;
    private final Replicas replicas;

    RouteCalls(RedissonClient redis, ClusterSettings cluster) {
        this.scripts = new ScriptExecutor(redis);
        this.replicas = Replicas.of(cluster);
    }

    /** A script that writes nothing. */
    List<Object> read(LuaScript script, List<Object> keys, Object... args) {
        return scripts.call(ScriptCall.ofList(script, keys, args).readingOnly());
    }

    /** A session's, server's or teaching's write: acknowledged by the replicas the cluster settings ask for. */
    List<Object> write(LuaScript script, List<Object> keys, Object... args) {
        return scripts.call(ScriptCall.ofList(script, keys, args), replicas);
    }

    /** A write answering a number (storing a config version's settings): acknowledged as {@link #write}. */
    long writeLong(LuaScript script, List<Object> keys, Object... args) {
        return scripts.call(ScriptCall.ofLong(script, keys, args), replicas);
    }

    /** A write any later call would redo (ending expired sessions): not waited for by replicas. */
    long tidy(LuaScript script, List<Object> keys, Object... args) {
        return scripts.call(ScriptCall.ofLong(script, keys, args));
    }
}
