package io.costq.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.job.JobView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as the API shows it. Times are ISO-8601 UTC; result is the handler's JSON. Every field is always present. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Job", description = "A job. Every field is always present; those that do not apply (yet) are null.")
public record JobJson(
        @Schema(description = "The job's id (a ULID)", examples = "01M85ZHKK0JD7JMHXXPXN0KNNV") String id,
        @Schema(description = "Whose job this is") String user,
        @Schema(description = "The tenant it belongs to (`default` when submitted without a tenant's key)", examples = "default")
        String tenant,
        @Schema(description = "Its job type") String type,
        @Schema(ref = "JobState") String status,
        @Schema(description = "The cost class it was filed in (0 = cheapest)") int costClass,
        @Schema(description = "The run time estimated at submit, ms") long estimateMs,
        @Schema(nullable = true, description = "The run history it joins when not its user's runs of its type (the submit's costKey)")
        String costKey,
        @Schema(nullable = true, description = "The node that runs or ran it") String node,
        @Schema(description = "Attempts started so far") int attempts,
        @Schema(description = "Attempts allowed before it is DEAD") int maxAttempts,
        @Schema(format = "date-time", nullable = true) String queuedAt,
        @Schema(format = "date-time", nullable = true) String startedAt,
        @Schema(format = "date-time", nullable = true) String finishedAt,
        @Schema(nullable = true, description = "Run time of the last attempt, ms") Long durationMs,
        @Schema(ref = "AnyJson", description = "The handler's result (any JSON); null until it succeeded") JsonNode result,
        @Schema(nullable = true, description = "Why the last attempt failed") String error,
        @Schema(format = "date-time", nullable = true, description = "Not before this time: a SCHEDULED job's due time, or a retry's backoff") String runAt,
        @Schema(nullable = true) String orderingKey,
        @Schema(nullable = true) String channel,
        @Schema(nullable = true, description = "true when submitted with awaitAck, else null") Boolean awaitAck,
        @Schema(nullable = true, enumeration = {"acked", "timeout"}, description = "How an awaitAck job ended") String ack,
        @Schema(format = "date-time", nullable = true) String ackedAt,
        @Schema(nullable = true, description = "The lane the submit named; null: the default lane", examples = "batch") String lane,
        @Schema(nullable = true, description = "The recurring schedule that fired it; null for a submitted job", examples = "nightly-report")
        String schedule,
        @Schema(ref = "AnyJson", description = "The submitted payload (any JSON); in GET /v1/jobs/{id} only, null in lists") JsonNode payload,
        @Schema(nullable = true, description = "Every attempt, oldest first (the failed ones kept: the last 20): node, start, "
                + "end, run time against estimateMs, outcome, error; in GET /v1/jobs/{id} only, null in lists") java.util.List<RunJson> runs,
        @Schema(nullable = true, description = "The last failed attempt's stack trace (bounded in size); null when none failed")
        String stackTrace) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JobJson of(JobView v) {
        return new JobJson(v.id(), v.user(), v.tenant(), v.type(), v.status().name(), v.costClass(), v.estimateMs(),
                v.costKey(), v.node(), v.attempts(), v.maxAttempts(), iso(v.queuedAt()), iso(v.startedAt()), iso(v.finishedAt()), v.durationMs(),
                parse(v.resultJson()), v.error(), iso(v.runAt()), v.orderingKey(), v.channel(),
                v.awaitAck() ? Boolean.TRUE : null, v.ack(), iso(v.ackedAt()), v.lane(), v.schedule(), null, null, v.stackTrace());
    }

    /** The job with its payload and attempts (GET /v1/jobs/{id}). */
    static JobJson detail(JobView v) {
        JobJson j = of(v);
        return new JobJson(j.id, j.user, j.tenant, j.type, j.status, j.costClass, j.estimateMs, j.costKey, j.node, j.attempts,
                j.maxAttempts, j.queuedAt, j.startedAt, j.finishedAt, j.durationMs, j.result, j.error, j.runAt, j.orderingKey, j.channel,
                j.awaitAck, j.ack, j.ackedAt, j.lane, j.schedule, parse(v.payloadJson()), RunJson.of(v), j.stackTrace);
    }

    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    private static JsonNode parse(String json) {
        if (json == null) return null;
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
