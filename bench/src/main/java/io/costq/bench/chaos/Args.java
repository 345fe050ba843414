package io.costq.bench.chaos;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs after the sub-command; every lookup names its default. */
record Args(Map<String, String> values) {

    static Args parse(String[] args, int from) {
        Map<String, String> m = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return new Args(m);
    }

    String text(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }

    String text(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    long number(String name, long dflt) {
        String v = values.get(name);
        return v == null ? dflt : Long.parseLong(v);
    }
}
