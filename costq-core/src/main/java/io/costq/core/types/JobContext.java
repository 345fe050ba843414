package io.costq.core.types;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a handler sees of its job. A handler must stop promptly when its thread is interrupted (timeout,
 * cancellation or a lost lease); {@link #checkInterrupted()} is a convenience for CPU loops.
 *
 * @param fencingToken this run's token, increasing with every claim of any job: pass it to systems outside costq
 *                     that should reject a stale owner (a run that lost its lease) — the fenced-lock pattern
 * @param stopRequested true once the node asked the run to stop (cancelled, timed out, lease lost, shutting down)
 */
public record JobContext(String jobId, String user, String type, JsonNode payload, int attempt, long deadlineMs,
                         long fencingToken, java.util.function.BooleanSupplier stopRequested) {

    public JobContext(String jobId, String user, String type, JsonNode payload, int attempt, long deadlineMs, long fencingToken) {
        this(jobId, user, type, payload, attempt, deadlineMs, fencingToken, () -> Thread.currentThread().isInterrupted());
    }

    public void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("job " + jobId + " interrupted");
    }
}
