package io.costq.core.worker;

import io.costq.model.Clock;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing and timeouts, one sweep over a node's runs: a handler is stopped at its fence point (a tenth of its
 * lease before the lease ends) unless a renewal moved it on, and when its timeout has passed. The node runs it on
 * its fence thread, apart from the lease thread, so a node whose renewals stall (CPU starvation, a long pause,
 * Redis away) stops its own run before the reaper, acting only at the full deadline, can give the job to another
 * node. One periodic sweep of at most maxTasks runs replaces two timers per job (measured: the per-job timers'
 * queue was a hot lock). A run is stopped, counted and logged once.
 */
final class RunWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RunWatch.class);

    private final Map<String, RunningJob> running;
    private final Clock clock;
    private final WorkerListener listener;
    private final LongSupplier leaseMs;

    /** @param leaseMs the current lease setting, which sets how often to sweep */
    RunWatch(Map<String, RunningJob> running, Clock clock, WorkerListener listener, LongSupplier leaseMs) {
        this.running = running;
        this.clock = clock;
        this.listener = listener;
        this.leaseMs = leaseMs;
    }

    @Override
    public void run() {
        long now = clock.millis();
        long nanos = System.nanoTime();
        for (RunningJob r : running.values()) {
            if (r.finishing || r.stopReason() != null) continue;
            if (r.pastFence(now)) {
                LOG.warn("lease of job {} not renewed in time; stopping its handler", r.job.id());
                listener.leaseLost(r.job.id());
                r.stop(RunningJob.Stop.LEASE_LOST);
            } else if (nanos - r.timeoutAtNanos >= 0) {
                r.stop(RunningJob.Stop.TIMEOUT);
            }
        }
    }

    /** A quarter of the fence margin (so a run stops well inside its lease), between 5 and 50 ms. */
    long everyMs() {
        return Math.max(5, Math.min(50, RunningJob.fenceMarginMs(leaseMs.getAsLong()) / 4));
    }
}
