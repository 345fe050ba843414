package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code putSchedule.lua}: creates or replaces a recurring schedule. */
public final class PutSchedule {
    static final LuaScript SCRIPT = LuaScript.load("putSchedule");
    /** The names-set score of a paused schedule: never due. */
    static final long PAUSED_SCORE = 1L << 52;

    public enum Outcome { CREATED, REPLACED }

    /**
     * @param timing   cron and time zone as one text: the next fire is kept while it is unchanged
     * @param nextFire the first tick after now, used when the schedule is new or its timing changed
     */
    public record Spec(String name, String specJson, String timing, long nextFire, String overlap) {
    }

    private PutSchedule() {
    }

    static ScriptCall<Outcome> call(Keys keys, Spec s, long nowMs) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.schedule(s.name()), keys.schedules()), s.name(), s.specJson(), s.timing(),
                String.valueOf(s.nextFire()), s.overlap(), String.valueOf(nowMs), String.valueOf(PAUSED_SCORE)).map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case DONE -> Outcome.CREATED;
                        case REPLACED -> Outcome.REPLACED;
                        default -> throw code.unexpected("putSchedule");
                    };
                });
    }
}
