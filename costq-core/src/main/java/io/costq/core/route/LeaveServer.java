package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.List;

/** Wrapper of {@code leaveServer.lua}: a server leaves its pool and gets no more sessions. */
public final class LeaveServer {
    private static final LuaScript SCRIPT = LuaScript.load("leaveServer");

    private final RouteCalls calls;

    LeaveServer(RouteCalls calls) {
        this.calls = calls;
    }

    /** True when the server was live. */
    boolean run(RouteKeys keys, String serverId, long nowMs) {
        return AdmitSession.num(calls.write(SCRIPT, List.of(keys.servers(), keys.info()), serverId, String.valueOf(nowMs)).get(0)) == 1;
    }
}
