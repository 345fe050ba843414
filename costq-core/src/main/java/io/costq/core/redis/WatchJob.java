package io.costq.core.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code watchJob.lua}: asks for the job's completion to be published, and reads the job. */
public final class WatchJob {
    private static final LuaScript SCRIPT = LuaScript.load("watchJob");

    private final RedissonClient redis;
    private final Keys keys;

    public WatchJob(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The job's fields, empty when there is no such job. */
    public Map<String, String> run(String id) {
        List<Object> flat = SCRIPT.call(redis, RScript.ReturnType.LIST, List.of(keys.job(id)));
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) out.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        return out;
    }
}
