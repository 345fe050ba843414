package io.costq;

import java.time.Instant;

/**
 * What a handler knows of the run it is in. A handler should return promptly once {@link #isCancelled()} says so
 * (its thread is interrupted too): the job was cancelled, timed out, or the node lost its lease or is stopping.
 */
public interface JobContext {
    String jobId();

    String user();

    String type();

    /** This run's attempt, 1 for the first. */
    int attempt();

    /** When the run's timeout ends. */
    Instant deadline();

    /** This run's fencing token: pass it to systems that should reject a stale owner (a run that lost its lease). */
    long fencingToken();

    /** True once the run should stop (cancelled, timed out, lease lost, node stopping). */
    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} when the run should stop: a check for loops. */
    default void checkCancelled() {
        if (isCancelled()) throw new java.util.concurrent.CancellationException("job " + jobId() + " was asked to stop");
    }
}
