package io.costq.core.redis;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/** Wrapper of {@code completeJob.lua}: records a run's end if the caller still holds the job's token. */
public final class CompleteJob {
    private static final LuaScript SCRIPT = LuaScript.load("completeJob");

    public enum Outcome { DONE, NOT_RUNNING, STALE_TOKEN }

    /** How the run ended; SUCCEEDED runs teach the user's history. */
    public enum End { SUCCEEDED, FAILED, CANCELLED }

    private final RedissonClient redis;
    private final Keys keys;

    public CompleteJob(RedissonClient redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * @param text the result JSON for SUCCEEDED, else the error text
     */
    public Outcome run(ClaimedJob job, End end, String text, long nowMs, long durationMs,
                       int historyWindow, long retentionMs) {
        long code = SCRIPT.<Long>call(redis, RScript.ReturnType.LONG,
                List.of(keys.job(job.id()), keys.running(), keys.history(job.user()), keys.stats()),
                job.id(), String.valueOf(job.token()), end.name(), text, String.valueOf(nowMs),
                String.valueOf(durationMs), String.valueOf(historyWindow), String.valueOf(retentionMs),
                keys.doneChannel());
        return code == 1 ? Outcome.DONE : code == -1 ? Outcome.NOT_RUNNING : Outcome.STALE_TOKEN;
    }
}
