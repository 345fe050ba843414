package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code ackJob.lua}: an external ack for a job that awaits one. */
public final class AckJob {
    static final LuaScript SCRIPT = LuaScript.load("ackJob");

    public enum Outcome { ACKED, RECORDED_EARLY, DUPLICATE, NOT_AWAITING, NOT_FOUND }

    private AckJob() {
    }

    /** @param scope the caller's tenants ({@link io.costq.core.job.Tenants}): a job outside it is NOT_FOUND */
    static ScriptCall<Outcome> call(Keys keys, String id, long nowMs, long retentionMs, String scope) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.job(id), keys.acks()), id, String.valueOf(nowMs), String.valueOf(retentionMs), scope)
                .map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case DONE -> Outcome.ACKED;
                        case ACK_RECORDED_EARLY -> Outcome.RECORDED_EARLY;
                        case DUPLICATE -> Outcome.DUPLICATE;
                        case WRONG_STATE -> Outcome.NOT_AWAITING;
                        case NO_SUCH_JOB -> Outcome.NOT_FOUND;
                        default -> throw code.unexpected("ackJob");
                    };
                });
    }
}
