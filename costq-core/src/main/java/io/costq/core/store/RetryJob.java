package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code retryJob.lua}: an operator re-queues a DEAD or FAILED job with fresh attempts. */
public final class RetryJob {
    static final LuaScript SCRIPT = LuaScript.load("retryJob");

    public enum Outcome { QUEUED, NOT_RETRYABLE, NOT_FOUND }

    private RetryJob() {
    }

    /** @param scope the caller's tenants ({@link io.costq.core.job.Tenants}): a job outside it is NOT_FOUND */
    static ScriptCall<Outcome> call(Keys keys, String id, long nowMs, int classes, String scope) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.job(id), keys.dead()), id, String.valueOf(nowMs), String.valueOf(classes), scope)
                .map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case DONE -> Outcome.QUEUED;
                        case WRONG_STATE -> Outcome.NOT_RETRYABLE;
                        case NO_SUCH_JOB -> Outcome.NOT_FOUND;
                        default -> throw code.unexpected("retryJob");
                    };
                });
    }
}
