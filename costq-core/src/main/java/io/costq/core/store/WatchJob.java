package io.costq.core.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wrapper of {@code watchJob.lua}: marks the job awaited (its end will be published) and reads it. */
final class WatchJob {
    static final LuaScript SCRIPT = LuaScript.load("watchJob");

    private WatchJob() {
    }

    /** The job's fields, empty when there is no such job or it is outside {@code scope} (the caller's tenants). */
    static ScriptCall<Map<String, String>> call(Keys keys, String id, String scope) {
        return ScriptCall.ofList(SCRIPT, List.of(keys.job(id)), scope).map(flat -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) out.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
            return out;
        });
    }
}
