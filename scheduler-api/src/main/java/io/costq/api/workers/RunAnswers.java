package io.costq.api.workers;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the worker protocol answers: claimed jobs, a renewed lease, a recorded run end. */
public final class RunAnswers {
    private RunAnswers() {
    }

    @Schema(name = "ClaimedJob", description = "A job this worker now holds under a lease: renew it within leaseMs, "
            + "then complete or fail it with its token. A token that is no longer the job's is refused (409).")
    public record Claimed(
            @Schema(description = "The job's id (a ULID)", examples = "01M85ZHKK0JD7JMHXXPXN0KNNV") String id,
            @Schema(description = "Its job type (one of the claim's types)") String type,
            @Schema(description = "Whose job it is") String user,
            @JsonRawValue @Schema(ref = "AnyJson", description = "The payload as submitted (any JSON)") String payload,
            @Schema(format = "int64", description = "The fencing token: every renew, complete and fail carries it") long token,
            @Schema(format = "int64", description = "The lease's length, ms: without a renewal within it the job runs again elsewhere") long leaseMs,
            @Schema(description = "This run's attempt number (1 for the first run)") int attempt,
            @Schema(format = "int64", description = "The job's estimate, ms: report it with elapsedMs in the claim's running list") long estimateMs,
            @Schema(format = "int64", description = "The run's timeout, ms: stop and fail it (retryable) when it passes") long timeoutMs,
            @Schema(format = "date-time", description = "When the run's timeout passes (the server's clock)") String deadline,
            @Schema(description = "The cost class it was claimed from (0 = cheapest)") int costClass) {
    }

    @Schema(name = "LeaseRenewal", description = "The lease runs leaseMs from now")
    public record Renewed(
            String id,
            @Schema(format = "int64", description = "The lease's length from now, ms") long leaseMs,
            @Schema(description = "An operator asked to cancel the job: stop it and fail it (it ends CANCELLED)") boolean cancelRequested) {
    }

    @Schema(name = "RunEnded", description = "The run's end was recorded")
    public record Ended(
            String id,
            @Schema(ref = "JobState", description = "The job's state now: SUCCEEDED or AWAITING_ACK after complete; "
                    + "QUEUED (a retry after its backoff), DEAD, FAILED or CANCELLED after fail") String status) {
    }
}
