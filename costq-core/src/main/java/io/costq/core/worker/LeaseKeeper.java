package io.costq.core.worker;

import io.costq.core.store.JobStore;
import io.costq.model.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every lease of a node in one round trip. Runs on its own maximum-priority thread, apart from handlers and
 * other timers. A job whose lease was lost in Redis, or whose lease ran out locally because renewals kept failing
 * (Redis unreachable, a long pause), is stopped here so that its handler never completes it. A partition that does
 * not answer (its shard failing over) costs only its own jobs' renewal this round.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final JobStore store;
    private final Clock clock;
    private volatile long leaseMs;
    private final WorkerListener listener;

    LeaseKeeper(JobStore store, Clock clock, long leaseMs, WorkerListener listener) {
        this.store = store;
        this.clock = clock;
        this.leaseMs = leaseMs;
        this.listener = listener;
    }

    void setLeaseMs(long leaseMs) {
        this.leaseMs = leaseMs;
    }

    void renew(Collection<RunningJob> running) {
        if (running.isEmpty()) return;
        long now = clock.millis();
        Map<String, Long> tokens = new LinkedHashMap<>();
        Map<String, RunningJob> byId = new LinkedHashMap<>();
        // runs whose end waits to be recorded are renewed too, so a slow recording cannot let the lease lapse
        for (RunningJob r : running) {
            tokens.put(r.job.id(), r.job.token());
            byId.put(r.job.id(), r);
        }
        long t0 = System.nanoTime();
        long granted = leaseMs; // one value for the call and the local deadlines, even if it changes meanwhile
        JobStore.Renewals renewal;
        try {
            renewal = store.renew(tokens, now, granted);
        } catch (RuntimeException e) {
            renewal = new JobStore.Renewals(java.util.List.of(), java.util.List.of(), java.util.List.copyOf(tokens.keySet()), e);
        }
        java.util.Set<String> unreached = new java.util.HashSet<>(renewal.unreached());
        for (RunningJob r : byId.values()) if (!unreached.contains(r.job.id())) r.leased(now, granted);
        for (String id : renewal.cancelRequested()) {
            RunningJob r = byId.get(id);
            if (r != null) r.stop(RunningJob.Stop.CANCELLED);
        }
        for (String id : renewal.lost()) {
            RunningJob r = byId.get(id);
            if (r != null && !r.finishing) {
                LOG.warn("lease of job {} lost; stopping its handler", id);
                listener.leaseLost(id);
                r.stop(RunningJob.Stop.LEASE_LOST);
            }
        }
        if (!unreached.isEmpty()) {
            LOG.warn("lease renewal failed: {}", renewal.failure().toString());
            long after = clock.millis(); // the failed call may itself have taken seconds
            for (String id : unreached) {
                RunningJob r = byId.get(id);
                if (r.stopReason() == null && r.pastFence(after)) {
                    listener.leaseLost(id);
                    r.stop(RunningJob.Stop.LEASE_LOST); // self-fence: the reaper may already give it to another node
                }
            }
        }
        int renewed = tokens.size() - renewal.lost().size() - unreached.size();
        if (unreached.size() < tokens.size()) listener.leaseRenewals(renewed, (System.nanoTime() - t0) / 1_000_000);
    }
}
