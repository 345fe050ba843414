package io.costq.core.store;

import java.util.List;
import java.util.function.Function;
import org.redisson.api.RScript;

/**
 * One call of a script: its keys (the first routes the call; all share one hash tag), its arguments, and how to
 * read its reply. Built by the script's wrapper, which owns key order and argument encoding.
 *
 * @param readsOnly the script writes nothing, so it may run again (see {@link ScriptExecutor})
 */
public record ScriptCall<T>(LuaScript script, List<Object> keys, Object[] args, RScript.ReturnType type,
                            Function<Object, T> decode, boolean readsOnly) {

    public static ScriptCall<Long> ofLong(LuaScript script, List<Object> keys, Object... args) {
        return new ScriptCall<>(script, keys, args, RScript.ReturnType.LONG, LuaValues::asLong, false);
    }

    @SuppressWarnings("unchecked")
    public static ScriptCall<List<Object>> ofList(LuaScript script, List<Object> keys, Object... args) {
        return new ScriptCall<>(script, keys, args, RScript.ReturnType.LIST, r -> (List<Object>) r, false);
    }

    public <U> ScriptCall<U> map(Function<T, U> then) {
        return new ScriptCall<>(script, keys, args, type, decode.andThen(then), readsOnly);
    }

    /** The same call, marked as one that writes nothing. */
    public ScriptCall<T> readingOnly() {
        return new ScriptCall<>(script, keys, args, type, decode, true);
    }
}
