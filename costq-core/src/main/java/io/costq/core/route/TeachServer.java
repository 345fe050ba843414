package io.costq.core.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.InvalidInputException;
import io.costq.core.store.LuaScript;
import java.util.List;

/** Wrapper of {@code teachServer.lua}: the admin's capacity, pin and drain for a server, audited. */
public final class TeachServer {
    private static final LuaScript SCRIPT = LuaScript.load("teachServer");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int AUDIT_CAP = 1_000;

    /** @param version the pool's audit version after the change; taught: what is taught now */
    public record Taught(long version, ServerView.TaughtView taught) {
    }

    private final RouteCalls calls;

    TeachServer(RouteCalls calls) {
        this.calls = calls;
    }

    /** Fails with 400 naming {@code pinned} when the result would be pinned without a capacity. */
    Taught run(RouteKeys keys, String serverId, Teaching t, String who, long nowMs) {
        t.requireSomething();
        ObjectNode changes = JSON.createObjectNode();
        if (t.changesCapacity()) {
            if (t.capacity() == null) changes.putNull("capacity"); else changes.put("capacity", t.capacity());
        }
        if (t.pinned() != null) changes.put("pinned", t.pinned());
        if (t.draining() != null) changes.put("draining", t.draining());
        List<Object> r = calls.write(SCRIPT, List.of(keys.admin(), keys.audit(), keys.auditVersion()), serverId,
                who == null ? "" : who, String.valueOf(nowMs), changes.toString(), String.valueOf(AUDIT_CAP));
        long version = AdmitSession.num(r.get(0));
        if (version < 0) throw new InvalidInputException("pinned", "pinned needs a taught capacity");
        return new Taught(version, ServerView.TaughtView.parse((String) r.get(1)));
    }
}
