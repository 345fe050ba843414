package io.costq.core.store;

import java.util.List;

/** Decodes values from Lua replies: integers arrive as Long, bulk strings as String, nil as null. */
final class LuaValues {
    private LuaValues() {
    }

    static long asLong(Object o) {
        if (o == null) return 0;
        if (o instanceof Number n) return n.longValue();
        String s = o.toString();
        if (s.isEmpty()) return 0;
        int dot = s.indexOf('.');
        return Long.parseLong(dot >= 0 ? s.substring(0, dot) : s);
    }

    static String asString(Object o) {
        return o == null ? null : o.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return (List<Object>) o;
    }
}
