package io.costq.model.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tiny parser for {@code --key value} and {@code --flag} arguments; a key may repeat. */
final class CliArgs {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private CliArgs() {}

    static CliArgs parse(String[] args, Set<String> flags, Set<String> options) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + a);
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq > 0 && !key.startsWith("set")) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (flags.contains(key)) {
                value = "true";
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--" + key + " needs a value");
                value = args[++i];
            }
            if (!flags.contains(key) && !options.contains(key)) throw new IllegalArgumentException("unknown option --" + key);
            parsed.values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    String get(String key, String fallback) {
        List<String> v = values.get(key);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    long getLong(String key, long fallback) {
        return has(key) ? Long.parseLong(get(key, null)) : fallback;
    }

    int getInt(String key, int fallback) {
        return has(key) ? Integer.parseInt(get(key, null)) : fallback;
    }

    double getDouble(String key, double fallback) {
        return has(key) ? Double.parseDouble(get(key, null)) : fallback;
    }

    /** A comma-separated list of speeds, or {@code count} ones. */
    static double[] speeds(String text, int count) {
        double[] speeds = new double[count];
        if (text == null) {
            java.util.Arrays.fill(speeds, 1.0);
            return speeds;
        }
        String[] parts = text.split(",");
        if (parts.length != count) throw new IllegalArgumentException("--speeds must list " + count + " values, was " + text);
        for (int i = 0; i < count; i++) {
            speeds[i] = Double.parseDouble(parts[i].trim());
            if (!(speeds[i] > 0)) throw new IllegalArgumentException("speeds must be > 0");
        }
        return speeds;
    }
}
