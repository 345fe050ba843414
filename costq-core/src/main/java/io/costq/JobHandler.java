package io.costq;

/**
 * The code of one job type: takes the job's payload as {@code I} and returns its result, stored as JSON. Throw
 * {@link PermanentJobFailure} for errors a retry cannot fix; any other exception is retried.
 *
 * @param <I> the payload class (Jackson reads the stored JSON into it)
 * @param <O> the result class (any Jackson-writable value; null for none)
 */
@FunctionalInterface
public interface JobHandler<I, O> {
    O handle(I input, JobContext ctx) throws Exception;
}
