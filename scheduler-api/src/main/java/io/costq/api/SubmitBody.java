package io.costq.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.client.SubmitRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/jobs}. Bounds stated here are checked by the core's SubmitValidator. */
@Schema(name = "SubmitJob", description = "A job to run. user and type are required; the rest is optional.")
public record SubmitBody(
        @Schema(description = "Whose job this is; its estimate comes from this user's last runs of its type", required = true,
                minLength = 1, maxLength = 200, examples = "u1")
        String user,
        @Schema(description = "Job type: one declared in config or advertised by a live worker", required = true,
                minLength = 1, maxLength = 64, pattern = "^[A-Za-z0-9._-]{1,64}$", examples = "sleep")
        String type,
        @Schema(implementation = java.util.Map.class, nullable = true,
                description = "Type-specific payload, a JSON object: {\"ms\": 50} for sleep and cpu, "
                        + "{\"url\": ..., \"body\": ...} for http; at most costq.jobs.payload-max-bytes")
        JsonNode payload,
        @Schema(description = "Repeated submits with the same key within the idempotency window return the first job",
                nullable = true, minLength = 1, maxLength = 200)
        String idempotencyKey,
        @Schema(description = "Attempts before the job is DEAD; default from config", nullable = true, minimum = "1", maximum = "100")
        Integer maxAttempts,
        @Schema(description = "Run timeout in ms; default from config", nullable = true, minimum = "1", maximum = "86400000")
        Long timeoutMs,
        @Schema(description = "The job EXPIRES instead of starting if no node claims it within this many ms",
                nullable = true, minimum = "1", maximum = "86400000")
        Long startWithinMs,
        @Schema(description = "Jobs with the same ordering key (a room, a user) run strictly one at a time, in submit order",
                nullable = true, minLength = 1, maxLength = 200)
        String orderingKey,
        @Schema(description = "A configured delivery channel; its width and rate bound this job's runs cluster-wide", nullable = true)
        String channel,
        @Schema(description = "Done only when acked (POST /v1/jobs/{id}/ack) or when its ack timeout passes", nullable = true)
        Boolean awaitAck,
        @Schema(description = "Ack timeout in ms (with awaitAck); default from config", nullable = true, minimum = "1", maximum = "86400000")
        Long ackTimeoutMs,
        @Schema(description = "Delay: the job is SCHEDULED and becomes due this many ms after the submit; then it is "
                + "estimated and queued. Not with runAt", nullable = true, minimum = "0", maximum = "31622400000", examples = "60000")
        Long delayMs,
        @Schema(description = "The job is SCHEDULED until this time (ISO-8601 with offset, at most a year ahead; a past "
                + "time is due at once). Not with delayMs", nullable = true, format = "date-time", examples = "2026-12-06T02:00:00Z")
        String runAt,
        @Schema(description = "A configured lane (costq.lanes.*; interactive and batch by default): a job's place in "
                + "its class queue is its queued-at plus its lane's offset. Absent: the default lane", nullable = true,
                examples = "batch")
        String lane,
        @Schema(description = "Whose run history estimates this job: by default the user's runs of its type; jobs naming "
                + "the same costKey share one history (group types, or split one)", nullable = true, minLength = 1, maxLength = 200)
        String costKey) {

    SubmitRequest toRequest() {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs, delayMs, instant("runAt", runAt), lane, costKey);
    }

    /** An ISO-8601 time with an offset ({@code 2026-12-06T02:00:00Z}, {@code ...+01:00}), or a 400 naming the field. */
    static java.time.Instant instant(String field, String text) {
        if (text == null) return null;
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.costq.core.InvalidInputException(field, field + " must be an ISO-8601 time with an offset, e.g. 2026-12-06T02:00:00Z");
        }
    }
}
