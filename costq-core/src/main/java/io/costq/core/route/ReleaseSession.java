package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.List;
import java.util.Optional;

/** Wrapper of {@code releaseSession.lua}: a session ends because its client disconnected; its slot is free at once. */
public final class ReleaseSession {
    private static final LuaScript SCRIPT = LuaScript.load("releaseSession");

    public record Released(String server, String client) {
    }

    private final RouteCalls calls;

    ReleaseSession(RouteCalls calls) {
        this.calls = calls;
    }

    /** Empty when there is no such session (already released, or expired). */
    Optional<Released> run(RouteKeys keys, String session, long nowMs, RouteSettings s) {
        List<Object> r = calls.write(SCRIPT, keys.pool(), session, String.valueOf(nowMs), String.valueOf(s.sessions().stickyMs()));
        if (AdmitSession.num(r.get(0)) != 1) return Optional.empty();
        return Optional.of(new Released((String) r.get(1), (String) r.get(2)));
    }
}
