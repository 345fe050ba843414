package io.costq;

/**
 * Thrown by a handler for an error that retrying cannot fix (bad input, a refused request): the job ends FAILED at
 * once, with this message as its error and the stack trace kept with the job. Any other exception a handler throws
 * is retryable: the job runs again after a backoff until its attempts are used up (then it is DEAD).
 */
public class PermanentJobFailure extends RuntimeException {
    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
