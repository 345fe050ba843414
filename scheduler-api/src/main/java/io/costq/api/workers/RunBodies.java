package io.costq.api.workers;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.core.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of a claimed job's renew, complete and fail: each carries the claim's fencing token. */
public final class RunBodies {
    private RunBodies() {
    }

    static long token(Long token) {
        if (token == null || token < 1) throw new InvalidInputException("token", "token must be the claim's fencing token");
        return token;
    }

    static Long durationMs(Long ms) {
        if (ms != null && (ms < 0 || ms > 86_400_000L)) throw new InvalidInputException("durationMs", "durationMs must be in 0..86400000");
        return ms;
    }

    @Schema(name = "RenewLease", description = "Renews the lease of a claimed job")
    public record Renew(
            @Schema(required = true, minimum = "1", description = "The claim's fencing token") Long token) {
    }

    @Schema(name = "CompleteRun", description = "The run succeeded")
    public record Complete(
            @Schema(required = true, minimum = "1", description = "The claim's fencing token") Long token,
            @Schema(ref = "AnyJson", description = "The handler's result, any JSON (null when absent)") JsonNode result,
            @Schema(nullable = true, minimum = "0", maximum = "86400000", description = "How long the run took, ms, as the "
                    + "worker measured it (what the user's history learns); the time since the claim when absent") Long durationMs) {
    }

    @Schema(name = "FailRun", description = "The run failed")
    public record Fail(
            @Schema(required = true, minimum = "1", description = "The claim's fencing token") Long token,
            @Schema(required = true, minLength = 1, maxLength = 2000, description = "Why it failed, for a human") String error,
            @Schema(nullable = true, description = "true (the default): retried after a backoff while attempts remain, "
                    + "then DEAD; false: FAILED at once") Boolean retryable,
            @Schema(nullable = true, minimum = "0", maximum = "86400000", description = "How long the run took, ms, as the "
                    + "worker measured it (what the user's history learns); the time since the claim when absent") Long durationMs) {

        String checkedError() {
            if (error == null || error.isBlank()) throw new InvalidInputException("error", "error must say why the run failed");
            if (error.length() > 2000) throw new InvalidInputException("error", "error is at most 2000 characters");
            return error;
        }
    }
}
