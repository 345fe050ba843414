package io.costq.core.store;

import java.util.List;

/**
 * Wrapper of {@code releaseParked.lua}: parked jobs of channels with room (by the channel settings stored in Redis)
 * go back to their class queues.
 */
final class ReleaseParked {
    static final LuaScript SCRIPT = LuaScript.load("releaseParked");

    private ReleaseParked() {
    }

    /** Returns the number of jobs released. */
    static ScriptCall<Long> call(Keys keys, long nowMs, int classes) {
        return ScriptCall.ofLong(SCRIPT, List.of(keys.parkedChannels()), String.valueOf(nowMs), String.valueOf(classes));
    }
}
