package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code requeueExpired.lua}: the reaper's step, safe to run from any number of nodes at once. */
public final class RequeueExpired {
    static final LuaScript SCRIPT = LuaScript.load("requeueExpired");

    public record Outcome(long requeued, long dead) {
        public static final Outcome NONE = new Outcome(0, 0);

        public Outcome plus(Outcome o) {
            return new Outcome(requeued + o.requeued, dead + o.dead);
        }
    }

    private RequeueExpired() {
    }

    static ScriptCall<Outcome> call(Keys keys, long nowMs, int limit, long retentionMs, int classes) {
        return ScriptCall.ofList(SCRIPT, List.of(keys.running(), keys.stats(), keys.dead()), String.valueOf(nowMs),
                String.valueOf(limit), String.valueOf(retentionMs), String.valueOf(classes))
                .map(reply -> new Outcome(LuaValues.asLong(reply.get(0)), LuaValues.asLong(reply.get(1))));
    }
}
