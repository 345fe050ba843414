package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.ArrayList;
import java.util.List;

/** Wrapper of {@code registerServer.lua}: a server joins its pool or renews its registration, with a sample. */
public final class RegisterServer {
    private static final LuaScript SCRIPT = LuaScript.load("registerServer");
    /** Samples kept per server (the fit's window) and how long they outlive the server's last report. */
    static final long SAMPLES_TTL_MS = 86_400_000L;

    /**
     * @param sessions the server's live sessions; load adds what it reported
     * @param capacity the capacity the decision uses now, and where it comes from (reported, learned, taught,
     *                 pinned or default)
     * @param samples  utilization samples it has reported in all (0 when this report had none)
     * @param allowedSessions the load it may reach: floor(allowed load x capacity)
     */
    public record Registration(long sessions, long load, long capacity, String capacitySource, long samples, long allowedSessions) {
    }

    private final RouteCalls calls;

    RegisterServer(RouteCalls calls) {
        this.calls = calls;
    }

    Registration run(RouteKeys keys, ServerReport r, long nowMs, long leaseMs, double allowedLoad, RouteSettings s) {
        List<Object> k = new ArrayList<>(keys.pool());
        k.add(keys.samples(r.id()));
        k.add(keys.settings());
        List<Object> out = calls.write(SCRIPT, k, r.id(), String.valueOf(nowMs), String.valueOf(leaseMs), r.uri(),
                r.capacity() == null ? "" : String.valueOf(r.capacity()), String.valueOf(r.load()),
                r.utilization() == null ? "" : String.valueOf(r.utilization()), r.draining() ? "1" : "0",
                String.valueOf(CapacityFit.WINDOW), String.valueOf(SAMPLES_TTL_MS), String.valueOf(s.sessions().stickyMs()),
                String.valueOf(s.servers().defaultCapacity()), String.valueOf(DecisionServer.EXPIRE_LIMIT),
                String.valueOf(allowedLoad));
        return new Registration(AdmitSession.num(out.get(0)), AdmitSession.num(out.get(1)), AdmitSession.num(out.get(2)),
                (String) out.get(3), AdmitSession.num(out.get(4)), AdmitSession.num(out.get(5)));
    }
}
