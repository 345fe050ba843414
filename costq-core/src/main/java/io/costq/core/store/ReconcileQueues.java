package io.costq.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Wrapper of {@code reconcileQueues.lua}: after the class count or the channels changed, queued jobs go where
 * workers look (queues above the class count into the last class, parked jobs of removed channels back).
 */
final class ReconcileQueues {
    static final LuaScript SCRIPT = LuaScript.load("reconcileQueues");

    private ReconcileQueues() {
    }

    /** Returns the number of jobs moved. */
    static ScriptCall<Long> call(Keys keys, int classes, Collection<String> channels) {
        List<Object> args = new ArrayList<>(1 + channels.size());
        args.add(String.valueOf(classes));
        args.addAll(channels);
        return ScriptCall.ofLong(SCRIPT, List.of(keys.parkedChannels()), args.toArray());
    }
}
