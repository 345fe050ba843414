package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code cancelJob.lua}: cancels a queued job at once, signals a running one's owner. */
public final class CancelJob {
    static final LuaScript SCRIPT = LuaScript.load("cancelJob");

    public enum Outcome { CANCELLED, CANCEL_REQUESTED, ALREADY_FINISHED, NOT_FOUND }

    private CancelJob() {
    }

    /** @param scope the caller's tenants ({@link io.costq.core.job.Tenants}): a job outside it is NOT_FOUND */
    static ScriptCall<Outcome> call(Keys keys, String id, long nowMs, long retentionMs, int classes, String scope) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.job(id), keys.delayed(), keys.scheduled()), id, String.valueOf(nowMs),
                String.valueOf(retentionMs), String.valueOf(classes), scope).map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case CANCELLED -> Outcome.CANCELLED;
                        case CANCEL_REQUESTED -> Outcome.CANCEL_REQUESTED;
                        case WRONG_STATE -> Outcome.ALREADY_FINISHED;
                        case NO_SUCH_JOB -> Outcome.NOT_FOUND;
                        default -> throw code.unexpected("cancelJob");
                    };
                });
    }
}
