package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code expireAcks.lua}: jobs whose ack did not come in time count as sent; their keys move on. */
final class ExpireAcks {
    static final LuaScript SCRIPT = LuaScript.load("expireAcks");

    private ExpireAcks() {
    }

    /** Returns the number of jobs timed out. */
    static ScriptCall<Long> call(Keys keys, long nowMs, int limit, long retentionMs) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.acks()), String.valueOf(nowMs), String.valueOf(limit),
                String.valueOf(retentionMs));
    }
}
