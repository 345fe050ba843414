package io.costq.core.store;

import io.costq.core.job.ClaimedJob;

/**
 * How one run ended, to record: SUCCEEDED runs teach the user's history.
 *
 * @param text the result JSON of a SUCCEEDED run, else the error text
 */
public record Ending(ClaimedJob job, End end, String text, long durationMs) {
    public enum End { SUCCEEDED, FAILED, CANCELLED }
}
