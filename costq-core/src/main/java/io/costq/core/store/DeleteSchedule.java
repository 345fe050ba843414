package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code deleteSchedule.lua}: removes a recurring schedule (its jobs stay). */
final class DeleteSchedule {
    static final LuaScript SCRIPT = LuaScript.load("deleteSchedule");

    private DeleteSchedule() {
    }

    /** True when it existed. */
    static ScriptCall<Boolean> call(Keys keys, String name) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.schedule(name), keys.schedules(), keys.scheduleJobs(name)), name).map(c -> {
            ScriptCode code = ScriptCode.of(c);
            return switch (code) {
                case DONE -> true;
                case NO_SUCH_SCHEDULE -> false;
                default -> throw code.unexpected("deleteSchedule");
            };
        });
    }
}
