package io.costq.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Wrapper of {@code extendLeases.lua}: renews all of a node's leases of one partition in one call. */
public final class ExtendLeases {
    static final LuaScript SCRIPT = LuaScript.load("extendLeases");

    /** Jobs whose lease is lost, and jobs whose cancellation an operator requested. */
    public record Renewal(List<String> lost, List<String> cancelRequested) {
        public static final Renewal NONE = new Renewal(List.of(), List.of());
    }

    private ExtendLeases() {
    }

    /** @param tokens job id to fencing token of every job this node holds in the partition */
    static ScriptCall<Renewal> call(Keys keys, Map<String, Long> tokens, long nowMs, long leaseMs) {
        List<Object> args = new ArrayList<>(2 + 2 * tokens.size());
        args.add(String.valueOf(nowMs));
        args.add(String.valueOf(leaseMs));
        tokens.forEach((id, token) -> {
            args.add(id);
            args.add(String.valueOf(token));
        });
        return ScriptCall.ofList(SCRIPT, List.of(keys.running()), args.toArray())
                .map(reply -> new Renewal(strings(reply.get(0)), strings(reply.get(1))));
    }

    private static List<String> strings(Object raw) {
        return LuaValues.asList(raw).stream().map(Object::toString).toList();
    }
}
