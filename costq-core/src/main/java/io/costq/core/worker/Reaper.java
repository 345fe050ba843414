package io.costq.core.worker;

import io.costq.core.store.JobStore;
import io.costq.core.store.RequeueExpired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One housekeeping round over every partition: expired leases back to their queues (or DEAD), ack timeouts, and
 * queues reconciled with the class count and channels in force (a job re-queued by its old class after the count
 * was lowered is moved where workers look), and the search index trimmed of jobs whose retention ran out. A partition that cannot be reached (its shard failing over) is skipped
 * this round; the others are still reaped. Every worker and API instance runs one; running it twice at once is
 * harmless.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    /** At most this many calls per partition and kind in one round, so one round stays short. */
    private static final int MAX_CALLS_PER_ROUND = 50;

    private final JobStore store;

    public Reaper(JobStore store) {
        this.store = store;
    }

    /**
     * Reaps every partition, {@code limit} jobs per call, calling again while a call comes back full (a backlog of
     * due ack timeouts or expired leases drains in one round rather than {@code limit} per round); throws only when
     * every partition failed.
     */
    public RequeueExpired.Outcome reapOnce(long nowMs, int limit) {
        RequeueExpired.Outcome total = RequeueExpired.Outcome.NONE;
        RuntimeException failure = null;
        int partitions = store.partitions().count();
        int failed = 0;
        for (int p = 0; p < partitions; p++) {
            try {
                for (int call = 0; call < MAX_CALLS_PER_ROUND; call++) {
                    RequeueExpired.Outcome o = store.requeueExpired(p, nowMs, limit);
                    total = total.plus(o);
                    if (o.requeued() + o.dead() < limit) break;
                }
                long timedOut = 0;
                for (int call = 0; call < MAX_CALLS_PER_ROUND; call++) {
                    long n = store.expireAcks(p, nowMs, limit);
                    timedOut += n;
                    if (n < limit) break;
                }
                if (timedOut > 0) LOG.debug("{} jobs passed their ack timeout", timedOut);
                store.trimTimeIndex(p, nowMs, limit); // search's index loses the jobs whose retention ran out
                long moved = store.reconcileQueues(p);
                if (moved > 0) LOG.info("{} queued jobs moved to the queues of the classes and channels in force", moved);
            } catch (RuntimeException e) {
                failure = e;
                failed++;
            }
        }
        if (failed == partitions) throw failure;
        if (failed > 0) LOG.debug("reaper: {} of {} partitions unreachable this round ({})", failed, partitions, failure.toString());
        return total;
    }
}
