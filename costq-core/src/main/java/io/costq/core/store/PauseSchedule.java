package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code pauseSchedule.lua}: pauses or resumes a recurring schedule. */
public final class PauseSchedule {
    static final LuaScript SCRIPT = LuaScript.load("pauseSchedule");

    public enum Outcome { DONE, UNCHANGED, NOT_FOUND }

    private PauseSchedule() {
    }

    /** @param nextFire on resume, the first tick after now */
    static ScriptCall<Outcome> call(Keys keys, String name, boolean pause, long nextFire, long nowMs) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.schedule(name), keys.schedules()), name, pause ? "1" : "0",
                String.valueOf(nextFire), String.valueOf(nowMs), String.valueOf(PutSchedule.PAUSED_SCORE)).map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case DONE -> Outcome.DONE;
                        case DUPLICATE -> Outcome.UNCHANGED;
                        case NO_SUCH_SCHEDULE -> Outcome.NOT_FOUND;
                        default -> throw code.unexpected("pauseSchedule");
                    };
                });
    }
}
