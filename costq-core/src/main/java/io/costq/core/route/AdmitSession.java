package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.ArrayList;
import java.util.List;

/** Wrapper of {@code admitSession.lua}: gives a client a session on a server of its pool, or says why not. */
public final class AdmitSession {
    private static final LuaScript SCRIPT = LuaScript.load("admitSession");

    /** The typed outcomes of the script's return codes 1, 0 and -1. */
    public sealed interface Outcome permits Admitted, Full, UnknownPool {
    }

    /**
     * @param load            the server's load with this session (live sessions + what it reports)
     * @param allowedSessions floor(allowed load x capacity): the load the server may reach
     * @param sticky          the server the client had before (its own session, or within the sticky grace)
     * @param existing        the client's own live session, given again (a retried or repeated ask)
     * @param allowedLoad     the pool's allowed load fraction the decision used (stored, else the caller's)
     */
    public record Admitted(String session, String server, String uri, long load, long capacity, long allowedSessions,
                           boolean sticky, boolean existing, double allowedLoad) implements Outcome {
    }

    /** No live server has room; {@code liveServers} = 0 when none is live. */
    public record Full(int liveServers) implements Outcome {
    }

    /** No server ever registered in the pool (or all are long gone) and the admin taught nothing about it. */
    public record UnknownPool() implements Outcome {
    }

    private final RouteCalls calls;

    AdmitSession(RouteCalls calls) {
        this.calls = calls;
    }

    Outcome run(RouteKeys keys, String client, String newSession, long nowMs, double allowedLoad, RouteSettings s) {
        List<Object> k = new ArrayList<>(keys.pool());
        k.add(keys.settings());
        List<Object> r = calls.write(SCRIPT, k, String.valueOf(nowMs), client, newSession,
                String.valueOf(s.sessions().leaseMs()), String.valueOf(allowedLoad), String.valueOf(s.sessions().stickyMs()),
                String.valueOf(s.servers().defaultCapacity()), String.valueOf(DecisionServer.EXPIRE_LIMIT));
        return switch ((int) num(r.get(0))) {
            case 1 -> new Admitted((String) r.get(1), (String) r.get(2), (String) r.get(3), num(r.get(4)), num(r.get(5)),
                    num(r.get(6)), num(r.get(7)) == 1, num(r.get(8)) == 1, Double.parseDouble((String) r.get(9)));
            case 0 -> new Full((int) num(r.get(1)));
            default -> new UnknownPool();
        };
    }

    static long num(Object o) {
        return o instanceof Number n ? n.longValue() : Long.parseLong(o.toString());
    }
}
