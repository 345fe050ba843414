package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code requeueExpired.lua}: the reaper's step, safe to run from any number of nodes at once. */
public final class RequeueExpired {
    private static final LuaScript SCRIPT = LuaScript.load("requeueExpired");

    public record Outcome(long requeued, long dead) {
    }

    private final RedissonClient redis;
    private final Keys keys;

    public RequeueExpired(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Outcome run(long nowMs, int limit, int classes, long retentionMs) {
        List<Object> keyList = new ArrayList<>(3 + classes);
        keyList.add(keys.running());
        keyList.add(keys.stats());
        keyList.add(keys.dead());
        keyList.addAll(keys.queues(classes));
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, keyList, keys.jobPrefix(),
                String.valueOf(nowMs), String.valueOf(limit), String.valueOf(retentionMs), keys.doneChannel(),
                keys.wakeChannel());
        return new Outcome(LuaValues.asLong(reply.get(0)), LuaValues.asLong(reply.get(1)));
    }
}
