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

    @Schema(name = "RenewLease", description = "Renews the lease of a claimed job")
    public record Renew(
            @Schema(required = true, minimum = "1", description = "The claim's fencing token") Long token) {
    }

    @Schema(name = "CompleteRun", description = "The run succeeded")
    public record Complete(
            @Schema(required = true, minimum = "1", description = "The claim's fencing token") Long token,
            @Schema(ref = "AnyJson", description = "The handler's result, any JSON (null when absent)") JsonNode result) {
    }

    @Schema(name = "FailRun", description = "The run failed")
    public record Fail(
            @Schema(required = true, minimum = "1", description = "The claim's fencing token") Long token,
            @Schema(required = true, minLength = 1, maxLength = 2000, description = "Why it failed, for a human") String error,
            @Schema(nullable = true, description = "true (the default): retried after a backoff while attempts remain, "
                    + "then DEAD; false: FAILED at once") Boolean retryable) {

        String checkedError() {
            if (error == null || error.isBlank()) throw new InvalidInputException("error", "error must say why the run failed");
            if (error.length() > 2000) throw new InvalidInputException("error", "error is at most 2000 characters");
            return error;
        }
    }
}
