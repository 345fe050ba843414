package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.ArrayList;
import java.util.List;

/** Wrapper of {@code readPool.lua}: every server of a pool, with the capacity the decision uses. Reads only. */
public final class ReadPool {
    private static final LuaScript SCRIPT = LuaScript.load("readPool");

    private final RouteCalls calls;

    ReadPool(RouteCalls calls) {
        this.calls = calls;
    }

    /** The pool's live sessions, the allowed load used (stored, else the caller's) and its servers, as of {@code nowMs}. */
    record Read(long sessions, double allowedLoad, List<ServerView> servers) {
    }

    Read run(RouteKeys keys, long nowMs, double allowedLoad, RouteSettings s) {
        List<Object> k = new ArrayList<>(keys.pool());
        k.add(keys.settings());
        List<Object> r = calls.read(SCRIPT, k, String.valueOf(s.servers().defaultCapacity()),
                String.valueOf(allowedLoad), String.valueOf(nowMs));
        List<ServerView> out = new ArrayList<>(r.size() / 9);
        for (int i = 2; i + 8 < r.size(); i += 9) {
            long until = AdmitSession.num(r.get(i + 1));
            var reported = ServerView.ReportedView.parse((String) r.get(i + 2));
            var taught = ServerView.TaughtView.parse((String) r.get(i + 3));
            long sessions = AdmitSession.num(r.get(i + 5));
            long capacity = AdmitSession.num(r.get(i + 6));
            boolean live = until >= nowMs && reported != null;
            out.add(new ServerView((String) r.get(i), reported == null ? null : reported.uri(), live, until,
                    taught.draining() || reported != null && reported.draining(), sessions,
                    sessions + (reported == null ? 0 : reported.load()), capacity, (String) r.get(i + 7),
                    AdmitSession.num(r.get(i + 8)), reported, ServerView.parseFit((String) r.get(i + 4)), taught));
        }
        return new Read(AdmitSession.num(r.get(0)), Double.parseDouble((String) r.get(1)), out);
    }
}
