package io.costq.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.store.Keys;
import io.costq.core.store.LuaScript;
import io.costq.core.store.ScriptCall;
import io.costq.core.store.ScriptExecutor;
import java.util.List;

/** Wrapper of {@code setConfig.lua}: compare-and-set of the overrides, audit entry and change notice in one step. */
public final class SetConfig {
    private static final LuaScript SCRIPT = LuaScript.load("setConfig");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many changes the history keeps. */
    public static final int HISTORY_CAP = 1_000;

    private final ScriptExecutor scripts;
    private final Keys keys;

    /** @param keys partition 0's, where the live config is kept */
    public SetConfig(ScriptExecutor scripts, Keys keys) {
        this.scripts = scripts;
        this.keys = keys;
    }

    /** Either the new version, or the version that was current when the expected one no longer was. */
    public sealed interface Outcome {
        record Applied(long version) implements Outcome {}

        record Conflict(long currentVersion) implements Outcome {}
    }

    /** @param expectedVersion the version the changes were computed against; -1 to apply whatever it is */
    public Outcome run(long expectedVersion, String who, long nowMs, List<ConfigChange> changes) {
        if (changes.isEmpty()) throw new IllegalArgumentException("no changes");
        ArrayNode json = JSON.createArrayNode();
        for (ConfigChange c : changes) {
            ObjectNode o = json.addObject();
            o.put("key", c.key());
            o.put("old", c.oldValue());
            o.put("new", c.newValue());
        }
        String encoded;
        try {
            encoded = JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<Object> reply = scripts.call(ScriptCall.ofList(SCRIPT, List.of(keys.configOverrides(), keys.configVersion(),
                keys.configHistory()), String.valueOf(expectedVersion), who == null ? "" : who, String.valueOf(nowMs),
                String.valueOf(HISTORY_CAP), keys.configChannel(), encoded));
        long first = ((Number) reply.get(0)).longValue();
        return first < 0 ? new Outcome.Conflict(((Number) reply.get(1)).longValue()) : new Outcome.Applied(first);
    }
}
