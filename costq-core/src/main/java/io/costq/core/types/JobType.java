package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SPI of a job type: how its payload is validated at submit time (by the API) and how it runs (on a
 * worker). Throw {@link PermanentFailure} for errors a retry cannot fix.
 */
public interface JobType {
    String name();

    /**
     * Rejects a bad payload with an {@link io.costq.core.InvalidInputException} naming e.g. {@code payload.ms}. A type
     * that takes any payload (or none) keeps this default.
     */
    default void validate(JsonNode payload) {
    }

    /** Runs the job; the returned value is stored as the job's JSON result. */
    Object run(JobContext ctx) throws Exception;

    /** A failure that retrying cannot fix: the job ends FAILED at once. */
    final class PermanentFailure extends Exception {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}
