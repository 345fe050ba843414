package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code retryJob.lua}: an operator re-queues a DEAD job with fresh attempts. */
public final class RetryJob {
    private static final LuaScript SCRIPT = LuaScript.load("retryJob");

    public enum Outcome { QUEUED, NOT_DEAD, NOT_FOUND }

    private final RedissonClient redis;
    private final Keys keys;

    public RetryJob(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Outcome run(String id, long nowMs, int classes) {
        List<Object> keyList = new ArrayList<>(2 + classes);
        keyList.add(keys.job(id));
        keyList.add(keys.dead());
        keyList.addAll(keys.queues(classes));
        long code = SCRIPT.<Long>call(redis, RScript.ReturnType.LONG, keyList, id, String.valueOf(nowMs), keys.wakeChannel());
        return code == 1 ? Outcome.QUEUED : code == 0 ? Outcome.NOT_DEAD : Outcome.NOT_FOUND;
    }
}
