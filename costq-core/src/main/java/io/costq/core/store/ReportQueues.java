package io.costq.core.store;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Wrapper of {@code reportQueues.lua}: per class, over some types' queues, depth, head age and head estimate; reads only. */
final class ReportQueues {
    static final LuaScript SCRIPT = LuaScript.load("reportQueues");

    private ReportQueues() {
    }

    /** @param types the types whose queues count (a worker's); empty: every type */
    static ScriptCall<QueueSnapshot> call(Keys keys, int classes, List<String> types) {
        List<Object> args = new ArrayList<>(2 + types.size());
        args.add(String.valueOf(classes));
        ClaimJobs.addTypes(args, types);
        return ScriptCall.ofList(SCRIPT, List.of(keys.types()), args.toArray()).readingOnly().map(ReportQueues::snapshot);
    }

    private static QueueSnapshot snapshot(List<Object> perClass) {
        List<ClassQueue> out = new ArrayList<>(perClass.size());
        for (int k = 0; k < perClass.size(); k++) {
            List<Object> q = LuaValues.asList(perClass.get(k));
            out.add(new ClassQueue(k, LuaValues.asLong(q.get(0)), LuaValues.asLong(q.get(1)), LuaValues.asLong(q.get(2))));
        }
        return new QueueSnapshot(out);
    }
}
