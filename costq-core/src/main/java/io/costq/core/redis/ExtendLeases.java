package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code extendLeases.lua}: renews all of a node's leases in one call, returns the lost ones. */
public final class ExtendLeases {
    private static final LuaScript SCRIPT = LuaScript.load("extendLeases");

    /** Jobs whose lease is lost, and jobs whose cancellation an operator requested. */
    public record Renewal(List<String> lost, List<String> cancelRequested) {
        public static final Renewal NONE = new Renewal(List.of(), List.of());
    }

    private final RedissonClient redis;
    private final Keys keys;

    public ExtendLeases(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** @param tokens job id to fencing token of every job this node holds */
    public Renewal run(Map<String, Long> tokens, long nowMs, long leaseMs) {
        if (tokens.isEmpty()) return Renewal.NONE;
        List<Object> args = new ArrayList<>(3 + 2 * tokens.size());
        args.add(keys.jobPrefix());
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(leaseMs));
        tokens.forEach((id, token) -> {
            args.add(id);
            args.add(String.valueOf(token));
        });
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, List.of(keys.running()), args.toArray());
        return new Renewal(strings(reply.get(0)), strings(reply.get(1)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object raw) {
        return ((List<Object>) raw).stream().map(Object::toString).toList();
    }
}
