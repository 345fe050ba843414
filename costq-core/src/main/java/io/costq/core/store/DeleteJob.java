package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code deleteJob.lua}: an operator deletes a finished job (and its dead-list entry; search skips it). */
public final class DeleteJob {
    static final LuaScript SCRIPT = LuaScript.load("deleteJob");

    public enum Outcome { DELETED, NOT_FINISHED, NOT_FOUND }

    private DeleteJob() {
    }

    /** @param scope the caller's tenants ({@link io.costq.core.job.Tenants}): a job outside it is NOT_FOUND */
    static ScriptCall<Outcome> call(Keys keys, String id, String scope) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.job(id), keys.dead()), id, scope).map(c -> {
            ScriptCode code = ScriptCode.of(c);
            return switch (code) {
                case DONE -> Outcome.DELETED;
                case WRONG_STATE -> Outcome.NOT_FINISHED;
                case NO_SUCH_JOB -> Outcome.NOT_FOUND;
                default -> throw code.unexpected("deleteJob");
            };
        });
    }
}
