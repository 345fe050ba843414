package io.costq.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A job to submit. Only {@code user} and {@code type} are required; build the rest with {@link #builder}.
 *
 * @param idempotencyKey the same key within the idempotency window returns the first job instead of a new one
 * @param maxAttempts    overrides the default number of attempts
 * @param timeoutMs      overrides the default run timeout
 * @param startWithinMs  the job EXPIRES instead of starting if no node claims it within this many ms (of being due)
 * @param orderingKey    jobs of one key run strictly one at a time, in submit order
 * @param channel        the delivery channel whose width (and rate) bounds this job's runs
 * @param awaitAck       the job is done only when acked ({@code POST /v1/jobs/{id}/ack}) or its ack timeout passes
 * @param ackTimeoutMs   overrides the default ack timeout
 * @param delayMs        the job is SCHEDULED and becomes due this many ms after the submit (not with runAt)
 * @param runAt          the job is SCHEDULED until this time (not with delayMs; a past time is due at once)
 * @param lane           a configured lane ({@code interactive}, {@code batch}, ...); null: the default lane
 * @param costKey        whose run history estimates this job: by default its user's runs of its type; jobs that
 *                       name one cost key share one history (group types) or keep apart (split a type)
 */
public record SubmitRequest(String user, String type, JsonNode payload, String idempotencyKey, Integer maxAttempts,
                            Long timeoutMs, Long startWithinMs, String orderingKey, String channel, Boolean awaitAck,
                            Long ackTimeoutMs, Long delayMs, Instant runAt, String lane, String costKey) {

    public SubmitRequest(String user, String type, JsonNode payload, String idempotencyKey, Integer maxAttempts,
                         Long timeoutMs, Long startWithinMs, String orderingKey, String channel, Boolean awaitAck,
                         Long ackTimeoutMs) {
        this(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey, channel, awaitAck,
                ackTimeoutMs, null, null, null, null);
    }

    public SubmitRequest(String user, String type, JsonNode payload, String idempotencyKey, Integer maxAttempts,
                         Long timeoutMs, Long startWithinMs) {
        this(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, null, null, null, null);
    }

    public static SubmitRequest of(String user, String type, JsonNode payload) {
        return new SubmitRequest(user, type, payload, null, null, null, null);
    }

    /** The same request with an ordering key, a channel and the ack mode. */
    public SubmitRequest withDelivery(String orderingKey, String channel, Boolean awaitAck, Long ackTimeoutMs) {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs, delayMs, runAt, lane, costKey);
    }

    /** The same request delayed by {@code delayMs} (SCHEDULED until due). */
    public SubmitRequest withDelay(long delayMs) {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs, delayMs, null, lane, costKey);
    }

    /** The same request SCHEDULED until {@code runAt}. */
    public SubmitRequest withRunAt(Instant runAt) {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs, null, runAt, lane, costKey);
    }

    /** The same request in lane {@code lane}. */
    public SubmitRequest withLane(String lane) {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs, delayMs, runAt, lane, costKey);
    }

    /** The same request estimated from the history of {@code costKey} (null: the user's runs of the type). */
    public SubmitRequest withCostKey(String costKey) {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs, delayMs, runAt, lane, costKey);
    }
}
