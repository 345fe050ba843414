package io.costq.core.redis;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code failJob.lua}: a retryable failure goes back to the queue after a backoff, or DEAD. */
public final class FailJob {
    private static final LuaScript SCRIPT = LuaScript.load("failJob");

    public enum Outcome { RETRY_SCHEDULED, DEAD, CANCELLED, NOT_RUNNING, STALE_TOKEN }

    private final RedissonClient redis;
    private final Keys keys;

    public FailJob(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Outcome run(ClaimedJob job, String error, long nowMs, long retryAtMs, long durationMs, long retentionMs) {
        long code = SCRIPT.<Long>call(redis, RScript.ReturnType.LONG,
                List.of(keys.job(job.id()), keys.running(), keys.delayed(), keys.stats()),
                job.id(), String.valueOf(job.token()), error, String.valueOf(nowMs), String.valueOf(retryAtMs),
                String.valueOf(durationMs), String.valueOf(retentionMs), keys.doneChannel(), keys.dead());
        return switch ((int) code) {
            case 2 -> Outcome.RETRY_SCHEDULED;
            case 1 -> Outcome.DEAD;
            case 3 -> Outcome.CANCELLED;
            case -1 -> Outcome.NOT_RUNNING;
            default -> Outcome.STALE_TOKEN;
        };
    }
}
