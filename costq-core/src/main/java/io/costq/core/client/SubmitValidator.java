package io.costq.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.CostqSettings;
import io.costq.core.InvalidInputException;
import io.costq.core.types.JobType;
import io.costq.core.types.JobTypes;

/** Checks a submit request field by field before anything is stored; the first problem names its field. */
final class SubmitValidator {
    static final int MAX_ID_CHARS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobTypes types;
    private final CostqSettings.JobLimits limits;
    private final io.costq.core.DeliverySettings delivery;

    SubmitValidator(JobTypes types, CostqSettings settings) {
        this.types = types;
        this.limits = settings.jobs();
        this.delivery = settings.delivery();
    }

    /** Returns the payload as compact JSON. */
    String validate(SubmitRequest r) {
        if (r == null) throw new InvalidInputException("body", "a JSON object with user and type is required");
        text("user", r.user(), true);
        text("type", r.type(), true);
        text("idempotencyKey", r.idempotencyKey(), false);
        text("orderingKey", r.orderingKey(), false);
        if (r.channel() != null && !delivery.channels().containsKey(r.channel())) {
            throw new InvalidInputException("channel", "unknown channel '" + r.channel() + "'; configured: "
                    + new java.util.TreeSet<>(delivery.channels().keySet()));
        }
        if (r.ackTimeoutMs() != null && (r.ackTimeoutMs() < 1 || r.ackTimeoutMs() > 86_400_000L)) {
            throw new InvalidInputException("ackTimeoutMs", "ackTimeoutMs must be in 1..86400000");
        }
        if (r.ackTimeoutMs() != null && !Boolean.TRUE.equals(r.awaitAck())) {
            throw new InvalidInputException("ackTimeoutMs", "ackTimeoutMs needs awaitAck: true");
        }
        JobType type = types.require(r.type());
        if (r.maxAttempts() != null && (r.maxAttempts() < 1 || r.maxAttempts() > 100)) {
            throw new InvalidInputException("maxAttempts", "maxAttempts must be in 1..100");
        }
        if (r.timeoutMs() != null && (r.timeoutMs() < 1 || r.timeoutMs() > 86_400_000L)) {
            throw new InvalidInputException("timeoutMs", "timeoutMs must be in 1..86400000");
        }
        if (r.startWithinMs() != null && (r.startWithinMs() < 1 || r.startWithinMs() > 86_400_000L)) {
            throw new InvalidInputException("startWithinMs", "startWithinMs must be in 1..86400000");
        }
        JsonNode payload = r.payload();
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            throw new InvalidInputException("payload", "payload must be a JSON object");
        }
        String json;
        try {
            json = payload == null || payload.isNull() ? "{}" : JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("payload", "payload is not serialisable JSON");
        }
        if (json.length() > limits.payloadMaxBytes()) { // chars <= bytes, so check chars first, cheap
            throw new InvalidInputException("payload", "payload exceeds " + limits.payloadMaxBytes() + " bytes");
        }
        if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limits.payloadMaxBytes()) {
            throw new InvalidInputException("payload", "payload exceeds " + limits.payloadMaxBytes() + " bytes");
        }
        type.validate(payload);
        return json;
    }

    static void text(String field, String value, boolean required) {
        if (value == null) {
            if (required) throw new InvalidInputException(field, field + " is required");
            return;
        }
        if (value.isBlank()) throw new InvalidInputException(field, field + " must not be blank");
        if (value.length() > MAX_ID_CHARS) throw new InvalidInputException(field, field + " is longer than " + MAX_ID_CHARS + " characters");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) throw new InvalidInputException(field, field + " must not contain control characters");
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) throw new InvalidInputException(field, field + " is not valid UTF-8 text");
                i++;
            }
        }
    }
}
