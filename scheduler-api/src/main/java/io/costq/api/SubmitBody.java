package io.costq.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.client.SubmitRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of {@code POST /v1/jobs}. */
@Schema(name = "SubmitJob", description = "A job to run. user and type are required.")
public record SubmitBody(
        @Schema(description = "Whose job this is; its estimate comes from this user's last runs", required = true, maxLength = 200, examples = "u1")
        String user,
        @Schema(description = "Job type: noop, sleep, cpu or http", required = true, examples = "sleep")
        String type,
        @Schema(description = "Type-specific payload, e.g. {\"ms\": 50} for sleep and cpu, {\"url\": ..., \"body\": ...} for http")
        JsonNode payload,
        @Schema(description = "Repeated submits with the same key within the idempotency window return the first job")
        String idempotencyKey,
        @Schema(description = "Attempts before the job is DEAD (1..100); default from config")
        Integer maxAttempts,
        @Schema(description = "Run timeout in ms; default from config")
        Long timeoutMs,
        @Schema(description = "The job EXPIRES instead of starting if no node claims it within this many ms")
        Long startWithinMs,
        @Schema(description = "Jobs with the same ordering key (a room, a user) run strictly one at a time, in submit order")
        String orderingKey,
        @Schema(description = "A configured delivery channel; its width and rate bound this job's runs cluster-wide")
        String channel,
        @Schema(description = "Done only when acked (POST /v1/jobs/{id}/ack) or when its ack timeout passes")
        Boolean awaitAck,
        @Schema(description = "Ack timeout in ms (with awaitAck); default from config")
        Long ackTimeoutMs) {

    SubmitRequest toRequest() {
        return new SubmitRequest(user, type, payload, idempotencyKey, maxAttempts, timeoutMs, startWithinMs, orderingKey,
                channel, awaitAck, ackTimeoutMs);
    }
}
