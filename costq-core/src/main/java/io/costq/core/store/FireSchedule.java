package io.costq.core.store;

import io.costq.core.CostqSettings;
import java.util.ArrayList;
import java.util.List;

/** Wrapper of {@code fireSchedule.lua}: one tick of a recurring schedule, exactly once cluster-wide. */
public final class FireSchedule {
    static final LuaScript SCRIPT = LuaScript.load("fireSchedule");

    public enum Outcome { FIRED, SKIPPED, ALREADY_FIRED, PAUSED, NOT_FOUND }

    /**
     * One call's input.
     *
     * @param readNext the schedule's next fire as the caller read it: the call changes nothing when it moved since
     * @param tick     the tick to fire, or null to fire none (the due ticks were missed)
     * @param newNext  the schedule's next fire after this call
     * @param missed   ticks passed over without a job
     * @param job      the tick's job (null when {@code tick} is null), in the schedule's partition
     */
    public record Tick(String name, long readNext, Long tick, long newNext, long nowMs, long missed, NewJob job) {
    }

    private FireSchedule() {
    }

    static ScriptCall<Outcome> call(Keys keys, Tick t, int jobsKept, CostqSettings.JobLimits limits) {
        List<Object> a = new ArrayList<>(List.of(t.name(), String.valueOf(t.readNext()), t.tick() == null ? "" : String.valueOf(t.tick()),
                String.valueOf(t.newNext()), String.valueOf(t.nowMs()), String.valueOf(t.missed()), String.valueOf(jobsKept),
                String.valueOf(limits.defaultMaxAttempts()), String.valueOf(limits.defaultTimeoutMs())));
        NewJob j = t.job();
        if (t.tick() != null) {
            a.addAll(List.of(j.id(), j.user(), j.type(), j.payloadJson(), String.valueOf(j.costClass()), String.valueOf(j.estimateMs()),
                    SubmitJobs.flags(j), SubmitJobs.options(j, limits)));
        }
        return ScriptCall.ofLong(SCRIPT, List.of(keys.schedule(t.name()), keys.schedules(), keys.scheduleJobs(t.name())), a.toArray())
                .map(c -> {
                    ScriptCode code = ScriptCode.of(c);
                    return switch (code) {
                        case DONE -> Outcome.FIRED;
                        case SKIPPED -> Outcome.SKIPPED;
                        case DUPLICATE -> Outcome.ALREADY_FIRED;
                        case WRONG_STATE -> Outcome.PAUSED;
                        case NO_SUCH_SCHEDULE -> Outcome.NOT_FOUND;
                        default -> throw code.unexpected("fireSchedule");
                    };
                });
    }
}
