package io.costq.core.config;

import io.costq.core.store.Keys;
import io.costq.core.store.LuaScript;
import io.costq.core.store.ScriptCall;
import io.costq.core.store.ScriptExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wrapper of {@code readConfig.lua}: the overrides and their version, consistent with each other. */
public final class ReadConfig {
    private static final LuaScript SCRIPT = LuaScript.load("readConfig");

    private final ScriptExecutor scripts;
    private final Keys keys;

    /** @param keys partition 0's, where the live config is kept */
    public ReadConfig(ScriptExecutor scripts, Keys keys) {
        this.scripts = scripts;
        this.keys = keys;
    }

    public ConfigSnapshot run() {
        List<Object> flat = scripts.call(ScriptCall.ofList(SCRIPT, List.of(keys.configOverrides(), keys.configVersion())));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i + 1 < flat.size(); i += 2) overrides.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        return new ConfigSnapshot(((Number) flat.get(0)).longValue(), overrides);
    }
}
