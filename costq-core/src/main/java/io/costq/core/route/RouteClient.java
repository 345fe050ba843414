package io.costq.core.route;

import io.costq.core.store.Keys;
import io.costq.core.store.LuaScript;
import io.costq.core.store.ScriptCall;
import io.costq.core.store.ScriptExecutor;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/**
 * Wrapper of {@code routeClient.lua}: the decision server's one step. Every API instance runs the same script on
 * the same keys, so any of them gives a client the same answer.
 */
public final class RouteClient {
    private static final LuaScript SCRIPT = LuaScript.load("routeClient");

    private final ScriptExecutor scripts;
    private final Keys keys;

    public RouteClient(RedissonClient redis, Keys keys) {
        this.scripts = new ScriptExecutor(redis);
        this.keys = keys;
    }

    /** Either a node, or none because every live node of the pool is at its allowed load (or none is live). */
    public record Outcome(Optional<Route> route, int liveNodes) {
    }

    public Outcome run(String pool, String client, long nowMs, double allowedLoad, long stickyTtlMs) {
        RouteKeys rk = RouteKeys.of(keys, pool);
        List<Object> r = scripts.call(ScriptCall.ofList(SCRIPT, List.of(keys.nodes(), rk.sticky(), rk.lastRouted(), rk.fresh()),
                pool, client, String.valueOf(nowMs), String.valueOf(allowedLoad), String.valueOf(stickyTtlMs), keys.node("")));
        if (((Number) r.get(0)).longValue() == 0) return new Outcome(Optional.empty(), (int) ((Number) r.get(1)).longValue());
        Route route = new Route(String.valueOf(r.get(1)), String.valueOf(r.get(2)), ((Number) r.get(3)).longValue(),
                ((Number) r.get(4)).longValue(), ((Number) r.get(5)).longValue() == 1);
        return new Outcome(Optional.of(route), -1);
    }
}
