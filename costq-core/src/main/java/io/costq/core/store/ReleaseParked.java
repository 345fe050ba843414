package io.costq.core.store;

import io.costq.core.DeliverySettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Wrapper of {@code releaseParked.lua}: parked jobs of channels with room go back to their class queues. */
final class ReleaseParked {
    static final LuaScript SCRIPT = LuaScript.load("releaseParked");

    private ReleaseParked() {
    }

    /** Returns the number of jobs released. */
    static ScriptCall<Long> call(Keys keys, long nowMs, int classes, Collection<DeliverySettings.Channel> channels) {
        List<Object> args = new ArrayList<>(3 + 3 * channels.size());
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(classes));
        ClaimJobs.addChannels(args, channels);
        return ScriptCall.ofLong(SCRIPT, List.of(keys.parkedChannels()), args.toArray());
    }
}
