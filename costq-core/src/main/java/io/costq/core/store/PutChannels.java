package io.costq.core.store;

import io.costq.core.DeliverySettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Wrapper of {@code putChannels.lua}: stores one config version's delivery channel settings in a partition, where
 * the claim scripts read them; only a newer version replaces what is stored (start-up configs, version 0, replace
 * each other).
 */
final class PutChannels {
    static final LuaScript SCRIPT = LuaScript.load("putChannels");

    private PutChannels() {
    }

    /** Answers true when stored, false when the partition holds a newer version's settings (or this one's, above 0). */
    static ScriptCall<Boolean> call(Keys keys, long version, Collection<DeliverySettings.Channel> channels) {
        List<Object> args = new ArrayList<>(2 + 4 * channels.size());
        args.add(String.valueOf(version));
        args.add(String.valueOf(channels.size()));
        for (var ch : channels) {
            args.add(ch.name());
            args.add(String.valueOf(ch.maxConcurrency()));
            args.add(String.valueOf(ch.ratePerSecond()));
            args.add(ch.paused() ? "1" : "0");
        }
        return ScriptCall.ofLong(SCRIPT, List.of(keys.channelSettings()), args.toArray()).map(n -> n == 1);
    }
}
