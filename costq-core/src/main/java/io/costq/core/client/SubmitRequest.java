package io.costq.core.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job to submit. Only {@code user} and {@code type} are required.
 *
 * @param idempotencyKey the same key within the idempotency window returns the first job instead of a new one
 * @param maxAttempts    overrides the default number of attempts
 * @param timeoutMs      overrides the default run timeout
 * @param startWithinMs  the job EXPIRES instead of starting if no node claims it within this many ms
 */
public record SubmitRequest(String user, String type, JsonNode payload, String idempotencyKey, Integer maxAttempts,
                            Long timeoutMs, Long startWithinMs) {

    public static SubmitRequest of(String user, String type, JsonNode payload) {
        return new SubmitRequest(user, type, payload, null, null, null, null);
    }
}
