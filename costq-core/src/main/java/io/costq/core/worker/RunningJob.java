package io.costq.core.worker;

import io.costq.core.redis.ClaimedJob;

/** A job this node runs: its claim, when it started here, and why it was interrupted (if it was). */
final class RunningJob {
    enum Stop { TIMEOUT, LEASE_LOST, CANCELLED, SHUTDOWN }

    final ClaimedJob job;
    final long startedMs;
    volatile long leaseUntilMs;
    /** The lease length leaseUntilMs was set with: the self-fence margin is a tenth of it (not of a newer setting). */
    volatile long leaseMs;
    /** System.nanoTime() when the handler's timeout ends (set as it starts); the node's sweep stops it then. */
    volatile long timeoutAtNanos = Long.MAX_VALUE;
    /** Set when the handler has returned: the job is being recorded and needs no more renewals. */
    volatile boolean finishing;
    private Thread thread;
    private Stop stop;

    RunningJob(ClaimedJob job, long startedMs, long leaseMs) {
        this.job = job;
        this.startedMs = startedMs;
        this.leaseMs = leaseMs;
        this.leaseUntilMs = startedMs + leaseMs;
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
