package io.costq.core.redis;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code cancelJob.lua}: cancels a queued job at once, signals a running one's owner. */
public final class CancelJob {
    private static final LuaScript SCRIPT = LuaScript.load("cancelJob");

    public enum Outcome { CANCELLED, CANCEL_REQUESTED, ALREADY_FINISHED, NOT_FOUND }

    private final RedissonClient redis;
    private final Keys keys;

    public CancelJob(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Outcome run(String id, long nowMs, int classes, long retentionMs) {
        List<Object> keyList = new ArrayList<>(2 + classes);
        keyList.add(keys.job(id));
        keyList.add(keys.delayed());
        keyList.addAll(keys.queues(classes));
        long code = SCRIPT.<Long>call(redis, RScript.ReturnType.LONG, keyList, id, String.valueOf(nowMs),
                String.valueOf(retentionMs), keys.doneChannel(), keys.cancelChannel());
        return switch ((int) code) {
            case 1 -> Outcome.CANCELLED;
            case 2 -> Outcome.CANCEL_REQUESTED;
            case 0 -> Outcome.ALREADY_FINISHED;
            default -> Outcome.NOT_FOUND;
        };
    }
}
