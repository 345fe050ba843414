package io.costq.core.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Wrapper of {@code reportTypes.lua}: per job type, queued jobs over every class and the oldest's queued-at; reads only. */
final class ReportTypes {
    static final LuaScript SCRIPT = LuaScript.load("reportTypes");

    private ReportTypes() {
    }

    /** Per type: {depth, oldest head's queued-at ms (0: none)}. */
    static ScriptCall<Map<String, long[]>> call(Keys keys, int classes) {
        return ScriptCall.ofList(SCRIPT, List.of(keys.types()), String.valueOf(classes)).readingOnly().map(reply -> {
            Map<String, long[]> out = new TreeMap<>();
            for (Object o : reply) {
                List<Object> f = LuaValues.asList(o);
                out.put(LuaValues.asString(f.get(0)), new long[] {LuaValues.asLong(f.get(1)), LuaValues.asLong(f.get(2))});
            }
            return out;
        });
    }
}
