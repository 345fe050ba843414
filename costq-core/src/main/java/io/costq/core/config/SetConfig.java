package io.costq.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.core.redis.LuaScript;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code setConfig.lua}: compare-and-set of the overrides, audit entry and change notice in one step. */
public final class SetConfig {
    private static final LuaScript SCRIPT = LuaScript.load("setConfig");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many changes the history keeps. */
    public static final int HISTORY_CAP = 1_000;

    private final RedissonClient redis;
    private final ConfigKeys keys;

    public SetConfig(RedissonClient redis, ConfigKeys keys) {
        this.redis = redis;
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
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, List.of(keys.overrides(), keys.version(), keys.history()),
                String.valueOf(expectedVersion), who == null ? "" : who, String.valueOf(nowMs), String.valueOf(HISTORY_CAP),
                keys.channel(), encoded);
        long first = ((Number) reply.get(0)).longValue();
        return first < 0 ? new Outcome.Conflict(((Number) reply.get(1)).longValue()) : new Outcome.Applied(first);
    }
}
