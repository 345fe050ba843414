package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Which job types a client may submit, and their payload checks: it throws {@link InvalidInputException} naming
 * {@code type} (or the payload field) for a job that must not be stored. The REST API admits types declared in its
 * config or advertised by a live worker; the plain-Java client admits any well-formed name (a job of a type no
 * worker handles yet waits for one).
 */
@FunctionalInterface
public interface TypeGate {
    /** A type name is part of its queue's key: letters, digits, '.', '_' and '-', at most 64. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void check(String type, JsonNode payload);

    /** Only the types of {@code types}, each with its own payload check. */
    static TypeGate of(JobTypes types) {
        return (type, payload) -> types.require(type).validate(payload);
    }

    /** Any well-formed type; a type {@code validators} knows has its payload checked. */
    static TypeGate anyType(JobTypes validators) {
        return (type, payload) -> {
            requireName(type);
            validators.find(type).ifPresent(t -> t.validate(payload));
        };
    }

    static void requireName(String type) {
        if (type == null || !NAME.matcher(type).matches()) {
            throw new InvalidInputException("type", "type must be 1..64 of letters, digits, '.', '_' and '-'");
        }
    }
}
