package io.costq.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.job.JobView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One attempt of a job: failed ones as the store recorded them, then the one in progress or the last one. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "JobRun", description = "One attempt: where and when it ran and how it ended")
public record RunJson(
        @Schema(nullable = true, description = "The node that ran it", examples = "worker-1-4242") String node,
        @Schema(format = "date-time", nullable = true) String startedAt,
        @Schema(format = "date-time", nullable = true, description = "null while it runs") String endedAt,
        @Schema(nullable = true, description = "Run time, ms (estimateMs is what was expected)") Long durationMs,
        @Schema(enumeration = {"RUNNING", "SUCCEEDED", "FAILED", "LEASE_EXPIRED", "CANCELLED"}, description =
                "RUNNING: in progress; SUCCEEDED: the handler returned; FAILED: it threw; LEASE_EXPIRED: its node "
                        + "stopped renewing; CANCELLED: stopped by a cancel") String outcome,
        @Schema(nullable = true, description = "The attempt's error (at most 500 characters)") String error) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The failed attempts the store kept (the last 20), then the current or last attempt when it is not one of them. */
    static List<RunJson> of(JobView v) {
        List<RunJson> out = new ArrayList<>();
        Long lastStart = null;
        if (v.runsJson() != null) {
            try {
                for (JsonNode r : JSON.readTree(v.runsJson())) {
                    Long start = r.path("startedAt").asLong(0) == 0 ? null : r.path("startedAt").asLong();
                    Long end = r.hasNonNull("endedAt") ? r.path("endedAt").asLong() : null;
                    out.add(new RunJson(r.path("node").asText("").isEmpty() ? null : r.path("node").asText(), iso(start), iso(end),
                            start == null || end == null ? null : end - start, r.path("outcome").asText(), r.path("error").asText(null)));
                    lastStart = start;
                }
            } catch (Exception e) {
                // an unreadable record: show what the hash says about the last attempt
            }
        }
        if (v.startedAt() != null && !v.startedAt().equals(lastStart)) {
            String outcome = switch (v.status()) {
                case RUNNING -> "RUNNING";
                case SUCCEEDED, AWAITING_ACK -> "SUCCEEDED";
                default -> v.status().name();
            };
            Long end = v.status().name().equals("RUNNING") ? null
                    : v.ranUntil() != null ? v.ranUntil() : v.durationMs() != null ? (Long) (v.startedAt() + v.durationMs()) : v.finishedAt();
            out.add(new RunJson(v.node(), iso(v.startedAt()), iso(end), end == null ? null : end - v.startedAt(), outcome,
                    outcome.equals("SUCCEEDED") || outcome.equals("RUNNING") ? null : v.error()));
        }
        return out;
    }

    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
