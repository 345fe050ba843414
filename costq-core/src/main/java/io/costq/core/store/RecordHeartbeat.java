package io.costq.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wrapper of {@code recordHeartbeat.lua}: a node's state, with an expiry, in the node directory; its job types seen;
 * 1 = an operator asked it to drain.
 */
final class RecordHeartbeat {
    static final LuaScript SCRIPT = LuaScript.load("recordHeartbeat");

    private RecordHeartbeat() {
    }

    static ScriptCall<Long> call(Keys keys, String nodeId, long nowMs, long ttlMs, Map<String, String> fields,
                                 List<String> types) {
        List<Object> args = new ArrayList<>(4 + types.size() + 2 * fields.size());
        args.add(nodeId);
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(ttlMs));
        args.add(String.valueOf(types.size()));
        args.addAll(types);
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return ScriptCall.ofLong(SCRIPT, List.of(keys.node(nodeId), keys.nodes(), keys.typesSeen(), keys.drains()),
                args.toArray());
    }
}
