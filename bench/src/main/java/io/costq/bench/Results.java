package io.costq.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every figure of one run, flat and in insertion order: the JSON line and the table both read from it. */
final class Results {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> values = new LinkedHashMap<>();

    void put(String key, Object value) {
        values.put(key, value instanceof Double d ? round(d, d >= 100 ? 0 : 2) : value);
    }

    Object get(String key) {
        return values.get(key);
    }

    Double number(String key) {
        return values.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    static double round(double v, int decimals) {
        return BenchSupport.round(v, decimals);
    }

    String json() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
