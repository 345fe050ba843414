package io.costq.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a submit that has not finished (yet). */
@Schema(name = "AcceptedJob", description = "A stored job that has not finished (yet); read it at its Location.")
public record AcceptedJson(
        String id,
        @Schema(ref = "JobState", description = "QUEUED, or where a waited-for job stands when waitMs ran out") String status,
        int costClass,
        long estimateMs,
        @Schema(description = "true when idempotencyKey matched an earlier job: this is that job") boolean duplicate) {
}
