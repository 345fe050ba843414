package io.costq.core.config;

import io.costq.core.redis.LuaScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code readConfig.lua}: the overrides and their version, consistent with each other. */
public final class ReadConfig {
    private static final LuaScript SCRIPT = LuaScript.load("readConfig");

    private final RedissonClient redis;
    private final ConfigKeys keys;

    public ReadConfig(RedissonClient redis, ConfigKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public ConfigSnapshot run() {
        List<Object> flat = SCRIPT.call(redis, RScript.ReturnType.LIST, List.of(keys.overrides(), keys.version()));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i + 1 < flat.size(); i += 2) overrides.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        return new ConfigSnapshot(((Number) flat.get(0)).longValue(), overrides);
    }
}
