package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code extendLeases.lua}: renews all of a node's leases in one call, returns the lost ones. */
public final class ExtendLeases {
    private static final LuaScript SCRIPT = LuaScript.load("extendLeases");

    private final RedissonClient redis;
    private final Keys keys;

    public ExtendLeases(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** @param tokens job id to fencing token of every job this node holds */
    public List<String> run(Map<String, Long> tokens, long nowMs, long leaseMs) {
        if (tokens.isEmpty()) return List.of();
        List<Object> args = new ArrayList<>(3 + 2 * tokens.size());
        args.add(keys.jobPrefix());
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(leaseMs));
        tokens.forEach((id, token) -> {
            args.add(id);
            args.add(String.valueOf(token));
        });
        List<Object> lost = SCRIPT.call(redis, RScript.ReturnType.LIST, List.of(keys.running()), args.toArray());
        return lost.stream().map(Object::toString).toList();
    }
}
