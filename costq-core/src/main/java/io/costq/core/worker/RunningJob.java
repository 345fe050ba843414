package io.costq.core.worker;

import io.costq.core.job.ClaimedJob;

/** A job this node runs: its claim, when it started here, and why it was interrupted (if it was). */
final class RunningJob {
    enum Stop { TIMEOUT, LEASE_LOST, CANCELLED, SHUTDOWN }

    final ClaimedJob job;
    final long startedMs;
    /**
     * When this node stops the run unless a renewal moves it on: a tenth (at least 20 ms) before the lease granted by
     * the claim or the last renewal ends — a tenth of that lease, not of a newer setting. One value, so a reader never
     * pairs a new margin with an old deadline.
     */
    private volatile long fenceAtMs;
    /** System.nanoTime() when the handler's timeout ends (set as it starts); the node's sweep stops it then. */
    volatile long timeoutAtNanos = Long.MAX_VALUE;
    /** Set when the handler has returned: the job is being recorded and needs no more renewals. */
    volatile boolean finishing;
    private Thread thread;
    private Stop stop;

    RunningJob(ClaimedJob job, long startedMs, long leaseMs) {
        this.job = job;
        this.startedMs = startedMs;
        leased(startedMs, leaseMs);
    }

    /** The claim or a renewal at {@code nowMs} holds the job for {@code leaseMs} more. */
    void leased(long nowMs, long leaseMs) {
        fenceAtMs = nowMs + leaseMs - fenceMarginMs(leaseMs);
    }

    /** Whether the run is past its self-fence point at {@code nowMs} (its lease may go to another node soon). */
    boolean pastFence(long nowMs) {
        return nowMs >= fenceAtMs;
    }

    static long fenceMarginMs(long leaseMs) {
        return Math.max(20, leaseMs / 10);
    }

    synchronized void attach(Thread t) {
        thread = t;
        if (stop != null) t.interrupt();
    }

    synchronized void detach() {
        thread = null;
    }

    /** Interrupts the handler once; the first reason wins. */
    synchronized void stop(Stop reason) {
        if (stop != null) return;
        stop = reason;
        if (thread != null) thread.interrupt();
    }

    synchronized Stop stopReason() {
        return stop;
    }
}
