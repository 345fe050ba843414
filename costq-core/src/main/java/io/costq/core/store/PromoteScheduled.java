package io.costq.core.store;

import java.util.ArrayList;
import java.util.List;

/** Wrapper of {@code promoteScheduled.lua}: due delayed jobs enter their class queue, estimated at due time. */
final class PromoteScheduled {
    static final LuaScript SCRIPT = LuaScript.load("promoteScheduled");

    private PromoteScheduled() {
    }

    /** Returns the number of jobs promoted (those still SCHEDULED and due). */
    static ScriptCall<Long> call(Keys keys, long nowMs, int classes, List<ScheduleStore.Promotion> jobs) {
        List<Object> a = new ArrayList<>(2 + 3 * jobs.size());
        a.add(String.valueOf(nowMs));
        a.add(String.valueOf(classes));
        for (ScheduleStore.Promotion j : jobs) {
            a.add(j.id());
            a.add(String.valueOf(j.costClass()));
            a.add(String.valueOf(j.estimateMs()));
        }
        return ScriptCall.ofLong(SCRIPT, List.of(keys.scheduled()), a.toArray());
    }
}
