package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.List;

/** Wrapper of {@code renewSession.lua}: extends a session's lease, or restores a lost one on the server named. */
public final class RenewSession {
    private static final LuaScript SCRIPT = LuaScript.load("renewSession");

    public enum Outcome { RENEWED, RESTORED, UNKNOWN }

    /** @param serverLive whether the session's server is registered now (a client on a gone server should ask again) */
    public record Renewal(Outcome outcome, String server, long deadlineMs, boolean serverLive) {
        static final Renewal UNKNOWN = new Renewal(Outcome.UNKNOWN, null, 0, false);
    }

    private final RouteCalls calls;

    RenewSession(RouteCalls calls) {
        this.calls = calls;
    }

    /** @param server, client where to restore the session if it is gone; null = do not restore */
    Renewal run(RouteKeys keys, String session, String server, String client, long nowMs, RouteSettings s) {
        List<Object> r = calls.write(SCRIPT, keys.pool(), session, String.valueOf(nowMs), String.valueOf(s.sessions().leaseMs()),
                server == null ? "" : server, client == null ? "" : client);
        return switch ((int) AdmitSession.num(r.get(0))) {
            case 1 -> new Renewal(Outcome.RENEWED, (String) r.get(1), AdmitSession.num(r.get(2)), AdmitSession.num(r.get(3)) == 1);
            case 2 -> new Renewal(Outcome.RESTORED, (String) r.get(1), AdmitSession.num(r.get(2)), true);
            default -> Renewal.UNKNOWN;
        };
    }
}
