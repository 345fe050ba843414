package io.costq.model.sim;

import java.util.Locale;

/**
 * How a run's batch-lane jobs fared (their response times are kept out of the logins' figures).
 *
 * @param finished   batch jobs that completed
 * @param meanMs     their mean response time (arrival to completion)
 * @param maxMs      the longest
 * @param lastEndMs  when the last one completed, ms from the trace's start
 */
public record BatchOutcome(long finished, double meanMs, double maxMs, double lastEndMs) {
    public static final BatchOutcome NONE = new BatchOutcome(0, 0, 0, 0);

    String json() {
        return String.format(Locale.ROOT, "\"batch_finished\":%d,\"batch_mean_ms\":%.1f,\"batch_max_ms\":%.1f,\"batch_last_end_ms\":%.1f",
                finished, meanMs, maxMs, lastEndMs);
    }
}
