package io.costq.core.worker;

import io.costq.core.CostqSettings;
import io.costq.core.redis.ExpireAcks;
import io.costq.core.redis.Partitions;
import io.costq.core.redis.RequeueExpired;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reaper round over every partition: expired leases back to their queues (or DEAD), ack timeouts. A
 * partition that cannot be reached (its shard failing over) is skipped this round; the others are still reaped.
 * Every worker and API instance runs one; running it twice at once is harmless.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private final List<RequeueExpired> requeue;
    private final List<ExpireAcks> expireAcks;

    public Reaper(RedissonClient redis, CostqSettings settings) {
        Partitions partitions = new Partitions(settings.keyPrefix(), settings.partitions());
        this.requeue = partitions.all().stream().map(k -> new RequeueExpired(redis, k)).toList();
        this.expireAcks = partitions.all().stream().map(k -> new ExpireAcks(redis, k)).toList();
    }

    /** At most this many calls per partition and kind in one round, so one round stays short. */
    private static final int MAX_CALLS_PER_ROUND = 50;

    /**
     * Reaps every partition, {@code limit} jobs per call, calling again while a call comes back full (a backlog of
     * due ack timeouts or expired leases drains in one round rather than {@code limit} per round); throws only when
     * every partition failed.
     */
    public RequeueExpired.Outcome reapOnce(long nowMs, int limit, int classes, long retentionMs) {
        long requeued = 0;
        long dead = 0;
        RuntimeException failure = null;
        int failed = 0;
        for (int p = 0; p < requeue.size(); p++) {
            try {
                for (int call = 0; call < MAX_CALLS_PER_ROUND; call++) {
                    RequeueExpired.Outcome o = requeue.get(p).run(nowMs, limit, classes, retentionMs);
                    requeued += o.requeued();
                    dead += o.dead();
                    if (o.requeued() + o.dead() < limit) break;
                }
                long timedOut = 0;
                for (int call = 0; call < MAX_CALLS_PER_ROUND; call++) {
                    long n = expireAcks.get(p).run(nowMs, limit, retentionMs);
                    timedOut += n;
                    if (n < limit) break;
                }
                if (timedOut > 0) LOG.debug("{} jobs passed their ack timeout", timedOut);
            } catch (RuntimeException e) {
                failure = e;
                failed++;
            }
        }
        if (failed == requeue.size()) throw failure;
        if (failed > 0) LOG.debug("reaper: {} of {} partitions unreachable this round ({})", failed, requeue.size(), failure.toString());
        return new RequeueExpired.Outcome(requeued, dead);
    }
}
