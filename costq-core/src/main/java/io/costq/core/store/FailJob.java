package io.costq.core.store;

import io.costq.core.job.ClaimedJob;
import java.util.List;

/** Wrapper of {@code failJob.lua}: a retryable failure goes back to the queue after a backoff, or DEAD. */
public final class FailJob {
    static final LuaScript SCRIPT = LuaScript.load("failJob");

    public enum Outcome { RETRY_SCHEDULED, DEAD, CANCELLED, NOT_RUNNING, STALE_TOKEN }

    private FailJob() {
    }

    static ScriptCall<Outcome> call(Keys keys, ClaimedJob job, String error, long nowMs, long retryAtMs, long durationMs,
                                    long retentionMs) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.job(job.id()), keys.running(), keys.delayed(), keys.stats(), keys.dead()),
                job.id(), String.valueOf(job.token()), error, String.valueOf(nowMs), String.valueOf(retryAtMs),
                String.valueOf(durationMs), String.valueOf(retentionMs)).map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case RETRY_SCHEDULED -> Outcome.RETRY_SCHEDULED;
                        case DEAD -> Outcome.DEAD;
                        case CANCELLED -> Outcome.CANCELLED;
                        case WRONG_STATE -> Outcome.NOT_RUNNING;
                        case STALE_TOKEN -> Outcome.STALE_TOKEN;
                        default -> throw code.unexpected("failJob");
                    };
                });
    }
}
