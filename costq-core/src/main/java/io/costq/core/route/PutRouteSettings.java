package io.costq.core.route;

import io.costq.core.store.LuaScript;
import java.util.List;

/**
 * Wrapper of {@code putRouteSettings.lua}: stores one config version's allowed load and default capacity of a pool
 * in the pool's slot, where admits and registrations read them; only a newer version replaces what is stored
 * (start-up configs, version 0, replace each other).
 */
final class PutRouteSettings {
    private static final LuaScript SCRIPT = LuaScript.load("putRouteSettings");

    private final RouteCalls calls;

    PutRouteSettings(RouteCalls calls) {
        this.calls = calls;
    }

    /**
     * True when stored; false when the pool holds a newer version's settings (or this one's, above 0).
     * A null allowed load: the version configures none for the pool (what is stored goes, the callers' apply).
     */
    boolean run(RouteKeys keys, long version, Double allowedLoad, int defaultCapacity) {
        return calls.writeLong(SCRIPT, List.of(keys.settings()), String.valueOf(version),
                allowedLoad == null ? "" : String.valueOf(allowedLoad), allowedLoad == null ? "" : String.valueOf(defaultCapacity)) == 1;
    }
}
