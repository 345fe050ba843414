package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code recordHeartbeat.lua}: a node's state, with an expiry, in the node directory. */
public final class RecordHeartbeat {
    private static final LuaScript SCRIPT = LuaScript.load("recordHeartbeat");

    private final RedissonClient redis;
    private final Keys keys;

    public RecordHeartbeat(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public void run(String nodeId, long nowMs, long ttlMs, Map<String, String> fields) {
        List<Object> args = new ArrayList<>(3 + 2 * fields.size());
        args.add(nodeId);
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(ttlMs));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        SCRIPT.call(redis, RScript.ReturnType.LONG, List.of(keys.node(nodeId), keys.nodes()), args.toArray());
    }
}
