package io.costq.core.store;

import java.util.List;

/** Wrapper of {@code promoteRetries.lua}: retries whose backoff is over go back to their class queues. */
final class PromoteRetries {
    static final LuaScript SCRIPT = LuaScript.load("promoteRetries");
    /** Retries promoted per call at most; the next report promotes the rest. */
    static final int LIMIT = 100;

    private PromoteRetries() {
    }

    /** Returns the number of jobs promoted. */
    static ScriptCall<Long> call(Keys keys, long nowMs, int classes) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.delayed()), String.valueOf(nowMs), String.valueOf(classes),
                String.valueOf(LIMIT));
    }
}
