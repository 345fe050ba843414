package io.costq.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.job.JobView;
import java.time.Instant;

/** A job as the API shows it. Times are ISO-8601 UTC; result is the handler's JSON. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobJson(String id, String user, String type, String status, int costClass, long estimateMs, String node,
                      int attempts, int maxAttempts, String queuedAt, String startedAt, String finishedAt,
                      Long durationMs, JsonNode result, String error, String runAt, String orderingKey,
                      String channel, Boolean awaitAck, String ack, String ackedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JobJson of(JobView v) {
        return new JobJson(v.id(), v.user(), v.type(), v.status().name(), v.costClass(), v.estimateMs(), v.node(),
                v.attempts(), v.maxAttempts(), iso(v.queuedAt()), iso(v.startedAt()), iso(v.finishedAt()), v.durationMs(),
                parse(v.resultJson()), v.error(), iso(v.runAt()), v.orderingKey(), v.channel(),
                v.awaitAck() ? Boolean.TRUE : null, v.ack(), iso(v.ackedAt()));
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
