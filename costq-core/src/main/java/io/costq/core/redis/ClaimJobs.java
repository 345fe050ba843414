package io.costq.core.redis;

import io.costq.model.ClassQueue;
import io.costq.model.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/**
 * Wrapper of {@code claimJobs.lua}: claims up to n jobs of one class under a lease with fencing tokens, and
 * (when asked) returns every class queue's state, so the next pick needs no extra round trip.
 */
public final class ClaimJobs {
    private static final LuaScript SCRIPT = LuaScript.load("claimJobs");

    /** {@code queues} is null when the claim did not ask for them. */
    public record Outcome(List<ClaimedJob> claimed, QueueSnapshot queues) {
    }

    private final RedissonClient redis;
    private final Keys keys;
    private final long retentionMs;

    /** @param retentionMs how long a job that expired before its start stays readable */
    public ClaimJobs(RedissonClient redis, Keys keys, long retentionMs) {
        this.redis = redis;
        this.keys = keys;
        this.retentionMs = retentionMs;
    }

    /** Claims from {@code costClass} (or only reads state when it is -1). */
    public Outcome run(int costClass, int max, String nodeId, long nowMs, long leaseMs, int classes) {
        return run(costClass, max, nodeId, nowMs, leaseMs, classes, java.util.List.of());
    }

    /** @param channels the configured delivery channels, whose widths and rates gate the claim */
    public Outcome run(int costClass, int max, String nodeId, long nowMs, long leaseMs, int classes,
                       java.util.Collection<io.costq.core.DeliverySettings.Channel> channels) {
        return run(costClass, max, nodeId, nowMs, leaseMs, classes, channels, true);
    }

    /**
     * @param reportQueues whether to return the queues' state (and promote due retries); a state read always does
     */
    public Outcome run(int costClass, int max, String nodeId, long nowMs, long leaseMs, int classes,
                       java.util.Collection<io.costq.core.DeliverySettings.Channel> channels, boolean reportQueues) {
        List<Object> keyList = new ArrayList<>(3 + classes);
        keyList.add(keys.running());
        keyList.add(keys.fence());
        keyList.add(keys.delayed());
        keyList.addAll(keys.queues(classes));
        List<Object> args = new ArrayList<>(List.of(keys.jobPrefix(), String.valueOf(costClass), String.valueOf(max), nodeId,
                String.valueOf(nowMs), String.valueOf(leaseMs), String.valueOf(retentionMs), keys.doneChannel(),
                reportQueues ? "1" : "0", String.valueOf(channels.size())));
        for (var c : channels) {
            args.add(c.name());
            args.add(String.valueOf(c.maxConcurrency()));
            args.add(String.valueOf(c.ratePerSecond()));
        }
        List<Object> reply = SCRIPT.call(redis, RScript.ReturnType.LIST, keyList, args.toArray());
        boolean reported = reportQueues || costClass < 0;
        return new Outcome(claimed(reply.get(0), costClass), reported ? queues(reply.get(1)) : null);
    }

    /** Only the queues' state (promotes due retries as a side effect, which is always safe). */
    public QueueSnapshot snapshot(long nowMs, int classes) {
        return run(-1, 0, "", nowMs, 0, classes).queues();
    }

    /** Only the queues' state; channels with room take their parked jobs back into the class queues. */
    public QueueSnapshot snapshot(long nowMs, int classes, java.util.Collection<io.costq.core.DeliverySettings.Channel> channels) {
        return run(-1, 0, "", nowMs, 0, classes, channels).queues();
    }

    @SuppressWarnings("unchecked")
    private static List<ClaimedJob> claimed(Object raw, int costClass) {
        List<ClaimedJob> out = new ArrayList<>();
        for (Object o : (List<Object>) raw) {
            List<Object> f = (List<Object>) o;
            out.add(new ClaimedJob(LuaValues.asString(f.get(0)), LuaValues.asLong(f.get(1)), LuaValues.asString(f.get(2)),
                    LuaValues.asString(f.get(3)), LuaValues.asString(f.get(4)), LuaValues.asLong(f.get(5)),
                    (int) LuaValues.asLong(f.get(6)), LuaValues.asLong(f.get(7)), LuaValues.asLong(f.get(8)), costClass));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static QueueSnapshot queues(Object raw) {
        List<Object> perClass = (List<Object>) raw;
        List<ClassQueue> out = new ArrayList<>(perClass.size());
        for (int k = 0; k < perClass.size(); k++) {
            List<Object> q = (List<Object>) perClass.get(k);
            out.add(new ClassQueue(k, LuaValues.asLong(q.get(0)), LuaValues.asLong(q.get(1)), LuaValues.asLong(q.get(2))));
        }
        return new QueueSnapshot(out);
    }
}
