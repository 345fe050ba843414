package io.costq.model.sim;

/**
 * One line of a trace: a login (job) of a user.
 *
 * @param arrivalMs when the job is submitted, ms from the start of the trace
 * @param user      the user's id (interned from the trace's {@code user} column)
 * @param costMs    the job's stand-alone wall time on an idle speed-1 core, downstream wait included
 * @param lane      its lane: interactive (the logins, whose response times are measured) or batch
 */
public record TraceJob(long arrivalMs, int user, long costMs, Lane lane) {
    public TraceJob {
        if (arrivalMs < 0) throw new IllegalArgumentException("arrival must be >= 0 ms");
        if (costMs < 1) throw new IllegalArgumentException("cost must be >= 1 ms");
        if (lane == null) throw new IllegalArgumentException("lane must be given");
    }

    /** An interactive job. */
    public TraceJob(long arrivalMs, int user, long costMs) {
        this(arrivalMs, user, costMs, Lane.INTERACTIVE);
    }

    public boolean batch() {
        return lane == Lane.BATCH;
    }
}
