package io.costq.core.route;

import io.costq.core.store.LuaScript;

/** Wrapper of {@code expireSessions.lua}: ends sessions whose lease ran out, a bounded number per call. */
public final class ExpireSessions {
    private static final LuaScript SCRIPT = LuaScript.load("expireSessions");

    private final RouteCalls calls;

    ExpireSessions(RouteCalls calls) {
        this.calls = calls;
    }

    /** Returns how many sessions ended. */
    long run(RouteKeys keys, long nowMs, long stickyMs, int limit) {
        return calls.tidy(SCRIPT, keys.pool(), String.valueOf(nowMs), String.valueOf(stickyMs), String.valueOf(limit));
    }
}
