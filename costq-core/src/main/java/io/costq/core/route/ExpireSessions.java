package io.costq.core.route;

import io.costq.core.redis.LuaScript;
import java.util.List;
import org.redisson.api.RScript;

/** Wrapper of {@code expireSessions.lua}: ends sessions whose lease ran out, a bounded number per call. */
public final class ExpireSessions {
    private static final LuaScript SCRIPT = LuaScript.load("expireSessions");

    private final org.redisson.api.RedissonClient redis;

    ExpireSessions(org.redisson.api.RedissonClient redis) {
        this.redis = redis;
    }

    /** Returns how many sessions ended. */
    long run(RouteKeys keys, long nowMs, long stickyMs, int limit) {
        Object n = SCRIPT.call(redis, RScript.ReturnType.LONG, keys.pool(), String.valueOf(nowMs), String.valueOf(stickyMs),
                String.valueOf(limit));
        return AdmitSession.num(n);
    }
}
