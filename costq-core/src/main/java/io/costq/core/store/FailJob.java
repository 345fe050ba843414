package io.costq.core.store;

import io.costq.core.job.ClaimedJob;
import java.util.List;

/**
 * Wrapper of {@code failJob.lua}: a retryable failure goes back to the queue after a backoff, or DEAD; a permanent
 * one ends FAILED at once. The failure's stack trace is kept with the job (bounded by the caller).
 */
public final class FailJob {
    static final LuaScript SCRIPT = LuaScript.load("failJob");

    public enum Outcome { RETRY_SCHEDULED, DEAD, FAILED, CANCELLED, NOT_RUNNING, STALE_TOKEN }

    private FailJob() {
    }

    /** What went wrong: the error text, its stack trace ('' when none) and whether a retry could fix it. */
    public record Failure(String error, String stackTrace, boolean permanent) {
        public static Failure retryable(String error) {
            return new Failure(error, "", false);
        }
    }

    static ScriptCall<Outcome> call(Keys keys, ClaimedJob job, Failure failure, long nowMs, long retryAtMs, long durationMs,
                                    long retentionMs) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.job(job.id()), keys.running(), keys.delayed(), keys.stats(), keys.dead()),
                job.id(), String.valueOf(job.token()), failure.error(), String.valueOf(nowMs), String.valueOf(retryAtMs),
                String.valueOf(durationMs), String.valueOf(retentionMs), failure.stackTrace() == null ? "" : failure.stackTrace(),
                failure.permanent() ? "1" : "0").map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case RETRY_SCHEDULED -> Outcome.RETRY_SCHEDULED;
                        case DEAD -> Outcome.DEAD;
                        case FAILED -> Outcome.FAILED;
                        case CANCELLED -> Outcome.CANCELLED;
                        case WRONG_STATE -> Outcome.NOT_RUNNING;
                        case STALE_TOKEN -> Outcome.STALE_TOKEN;
                        default -> throw code.unexpected("failJob");
                    };
                });
    }
}
