package io.costq.core.worker;

import io.costq.core.redis.ExtendLeases;
import io.costq.core.redis.Partitions;
import io.costq.model.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every lease of a node in one call. Runs on its own maximum-priority thread, apart from handlers and
 * other timers. A job whose lease was lost in Redis, or whose lease ran out locally because renewals kept failing
 * (Redis unreachable, a long pause), is stopped here so that its handler never completes it.
 * <p>One call per partition holding this node's jobs (a script touches one slot); a partition that fails (its
 * shard failing over) costs only its own jobs' renewal this round.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final List<ExtendLeases> extend;
    private final Partitions partitions;
    private final Clock clock;
    private volatile long leaseMs;
    private final WorkerListener listener;

    LeaseKeeper(List<ExtendLeases> extend, Partitions partitions, Clock clock, long leaseMs, WorkerListener listener) {
        this.extend = extend;
        this.partitions = partitions;
        this.clock = clock;
        this.leaseMs = leaseMs;
        this.listener = listener;
    }

    void setLeaseMs(long leaseMs) {
        this.leaseMs = leaseMs;
    }

    void renew(Collection<RunningJob> running) {
        if (running.isEmpty()) return;
        List<List<RunningJob>> byPartition = new ArrayList<>();
        for (int p = 0; p < extend.size(); p++) byPartition.add(new ArrayList<>());
        // runs whose end waits to be recorded are renewed too, so a slow recording cannot let the lease lapse
        for (RunningJob r : running) byPartition.get(Math.max(0, partitions.ofId(r.job.id()))).add(r);
        for (int p = 0; p < extend.size(); p++) {
            if (!byPartition.get(p).isEmpty()) renew(extend.get(p), byPartition.get(p));
        }
    }

    private void renew(ExtendLeases extend, List<RunningJob> running) {
        long now = clock.millis();
        Map<String, Long> tokens = new LinkedHashMap<>();
        Map<String, RunningJob> byId = new LinkedHashMap<>();
        for (RunningJob r : running) {
            tokens.put(r.job.id(), r.job.token());
            byId.put(r.job.id(), r);
        }
        long t0 = System.nanoTime();
        try {
            long granted = leaseMs; // one value for the call and the local deadlines, even if it changes meanwhile
            ExtendLeases.Renewal renewal = extend.run(tokens, now, granted);
            List<String> lost = renewal.lost();
            for (RunningJob r : byId.values()) r.leased(now, granted);
            for (String id : renewal.cancelRequested()) {
                RunningJob r = byId.get(id);
                if (r != null) r.stop(RunningJob.Stop.CANCELLED);
            }
            for (String id : lost) {
                RunningJob r = byId.get(id);
                if (r != null && !r.finishing) {
                    LOG.warn("lease of job {} lost; stopping its handler", id);
                    listener.leaseLost(id);
                    r.stop(RunningJob.Stop.LEASE_LOST);
                }
            }
            listener.leaseRenewals(tokens.size() - lost.size(), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("lease renewal failed: {}", e.toString());
            long after = clock.millis(); // the failed call may itself have taken seconds
            for (RunningJob r : byId.values()) {
                if (r.stopReason() == null && r.pastFence(after)) {
                    listener.leaseLost(r.job.id());
                    r.stop(RunningJob.Stop.LEASE_LOST); // self-fence: the reaper may already give it to another node
                }
            }
        }
    }
}
