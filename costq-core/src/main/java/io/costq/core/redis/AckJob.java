package io.costq.core.redis;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code ackJob.lua}: an external ack for a job that awaits one. */
public final class AckJob {
    private static final LuaScript SCRIPT = LuaScript.load("ackJob");

    public enum Outcome { ACKED, RECORDED_EARLY, DUPLICATE, NOT_AWAITING, NOT_FOUND }

    private final RedissonClient redis;
    private final Keys keys;

    public AckJob(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Outcome run(String id, long nowMs, long retentionMs) {
        long code = SCRIPT.<Long>call(redis, RScript.ReturnType.LONG, List.of(keys.job(id), keys.acks()), id,
                String.valueOf(nowMs), String.valueOf(retentionMs), keys.doneChannel());
        return switch ((int) code) {
            case 1 -> Outcome.ACKED;
            case 2 -> Outcome.RECORDED_EARLY;
            case 3 -> Outcome.DUPLICATE;
            case 0 -> Outcome.NOT_AWAITING;
            default -> Outcome.NOT_FOUND;
        };
    }
}
