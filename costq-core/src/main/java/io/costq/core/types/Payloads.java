package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.InvalidInputException;

/** Small payload readers that fail with the field's name. */
final class Payloads {
    private Payloads() {
    }

    static long millis(JsonNode payload, String field, long max) {
        JsonNode v = payload == null ? null : payload.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new InvalidInputException("payload." + field, "payload." + field + " must be a whole number of milliseconds");
        }
        long ms = v.asLong();
        if (ms < 0 || ms > max) {
            throw new InvalidInputException("payload." + field, "payload." + field + " must be in 0.." + max);
        }
        return ms;
    }
}
